// The newcomer check's reading of the React README (the check itself runs in registry.test.ts, against
// the packages published into the local registry): the files it assembles are the README's blocks, and
// they are the example files CI compiles and runs (packages/react/examples).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installCommands, readmeFiles } from './newcomer';

const react = (path: string) =>
  readFileSync(new URL(`../../../packages/react/${path}`, import.meta.url), 'utf8');
const README = react('README.md');

describe('the React README, as the newcomer check reads it', () => {
  it('makes server.js, vite.config.ts, index.html and src/main.tsx of its marked blocks, each an example file as it is', () => {
    const files = readmeFiles(README);
    expect([...files.keys()].sort()).toEqual(['index.html', 'server.js', 'src/main.tsx', 'vite.config.ts']);
    expect(files.get('server.js')).toBe(react('examples/vite/server.ts'));
    expect(files.get('vite.config.ts')).toBe(react('examples/vite/vite.config.ts'));
    expect(files.get('index.html')).toBe(react('examples/vite/index.html'));
    expect(files.get('src/main.tsx')).toBe(react('examples/app.tsx'));
  });

  it('installs with npm: the packages, Express, the mock, and Vite with its React plugin', () => {
    const words = installCommands(README).flat();
    for (const name of [
      '@livepush/auth-react',
      '@livepush/auth-core',
      '@livepush/mock-server',
      'express',
      'react',
      'react-dom',
      'vite',
      '@vitejs/plugin-react',
    ])
      expect(words).toContain(name);
  });

  it('reads a marked block whole and refuses a marker with no block after it', () => {
    const markdown = ['<!-- examples/x.ts · your a.js -->', '```js', 'one', '', 'two', '```', 'text'].join(
      '\n',
    );
    expect(readmeFiles(markdown)).toEqual(new Map([['a.js', 'one\n\ntwo\n']]));
    expect(() => readmeFiles('<!-- examples/x.ts · your a.js -->\ntext')).toThrow(/no code block/);
    expect(installCommands('```sh\nnpm install a b # why\npnpm add c\n```')).toEqual([['install', 'a', 'b']]);
  });
});
