import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import react from '../../packages/react/vitest.config.ts';

// The React adapter's own tests, with React 18.2 (this package's) in place of the workspace's React 19.
const require = createRequire(import.meta.url);
const dir = (name: string) => dirname(require.resolve(`${name}/package.json`));

export default mergeConfig(react, {
  root: fileURLToPath(new URL('../../packages/react', import.meta.url)),
  resolve: {
    alias: [
      { find: /^react(\/.*)?$/, replacement: `${dir('react')}$1` },
      { find: /^react-dom(\/.*)?$/, replacement: `${dir('react-dom')}$1` },
      // Its own copy, whose react-dom is React 18's.
      { find: /^@testing-library\/react$/, replacement: require.resolve('@testing-library/react') },
    ],
  },
  test: {
    name: 'react@18',
    include: ['test/**/*.test.{ts,tsx}', fileURLToPath(new URL('./react-18.test.tsx', import.meta.url))],
    // The type tests run once, in the React adapter's own project.
    typecheck: { enabled: false },
    // Its report here, not in the React adapter's folder (the root): turbo caches and npm test counts it.
    outputFile: { json: fileURLToPath(new URL('.reports/vitest.json', import.meta.url)) },
  },
});
