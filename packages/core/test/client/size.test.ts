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

/** The budget of `@livepush/auth-core/client`, minified and gzipped, every export included. */
// The store alone is ~1.64 kB. Since issue 15 the entry also carries the helpers the bindings share:
// `signInUrl` and the scope checks, `missingScopes` with the 16-scope table its canonical order needs
// (~150 B); an app that does not import them does not ship them. Issue 16 taught the store to refresh
// once, ahead of expiry, and to hold its fetch() calls meanwhile (a page's parallel requests then never
// make several server instances refresh the same token), with a Web Lock across tabs: ~210 B.
const BUDGET_BYTES = 2050;

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
