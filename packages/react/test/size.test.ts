// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { bundleSize } from '../../../scripts/bundle-size';

/** A minimal app's auth code (provider + hook + the core store), React external: 2 kB = 2048 B. */
const BUDGET_BYTES = 2048;

it(`a minimal app's auth code stays within ${BUDGET_BYTES} B min+gzip`, async () => {
  const { minified, gzip } = await bundleSize(
    "export { LivepushAuthProvider, useLivepushAuth } from './src/index.ts';",
    {
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
      external: ['react', 'react-dom', 'react/jsx-runtime'],
    },
  );
  console.info(`@livepush/auth-react + store: ${minified} B min, ${gzip} B min+gzip`);
  expect(gzip).toBeLessThanOrEqual(BUDGET_BYTES);
});
