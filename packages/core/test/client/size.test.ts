import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

/** The slice of rolldown's `build` this test uses (rolldown is not a dependency of this package). */
type Build = (options: {
  input: string;
  write: false;
  platform: 'browser';
  output: { format: 'esm'; minify: boolean };
  logLevel: 'silent';
}) => Promise<{ output: ({ type: 'chunk'; code: string } | { type: 'asset' })[] }>;

/** The budget of `@livepush/auth-core/client`, minified and gzipped. */
// Leaves room for a framework binding within 2 kB (2048 B) for a minimal app.
const BUDGET_BYTES = 1700;

it(`the browser entry stays under ${BUDGET_BYTES} bytes min+gzip`, async () => {
  // rolldown is not a direct dependency: borrow the one vite ships with.
  const fromVite = createRequire(createRequire(import.meta.url).resolve('vite/package.json'));
  const { build } = (await import(fromVite.resolve('rolldown'))) as { build: Build };
  const entry = fileURLToPath(new URL('../../src/client/index.ts', import.meta.url));
  const result = await build({
    input: entry,
    write: false,
    platform: 'browser',
    output: { format: 'esm', minify: true },
    logLevel: 'silent',
  });
  const code = result.output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('');
  const size = gzipSync(code, { level: 9 }).length;
  console.info(`@livepush/auth-core/client: ${code.length} B min, ${size} B min+gzip`);
  expect(code).not.toMatch(/LivepushAuthError|clientSecret|crypto\.subtle/);
  expect(size).toBeLessThan(BUDGET_BYTES);
});
