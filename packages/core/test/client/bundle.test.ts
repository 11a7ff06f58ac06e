import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/** The slice of rolldown's `build` this test uses (rolldown is not a dependency of this package). */
type Build = (options: {
  input: string;
  write: false;
  platform: 'browser';
  output: { format: 'esm'; minify: boolean };
  logLevel: 'silent';
}) => Promise<{ output: ({ type: 'chunk'; code: string } | { type: 'asset' })[] }>;

// Its size budget is size-limit's (.size-limit.ts); this checks what the bundle holds.
it('the browser entry bundles no server code (errors, the client secret, Web Crypto)', async () => {
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
  expect(code).not.toMatch(/LivepushAuthError|clientSecret|crypto\.subtle/);
});

it('production builds drop the development-only "is the auth handler mounted?" hint; development builds keep it', async () => {
  const { BROWSER_BUNDLE } = await import('../../../../size-limit.shared');
  const { build } = await import('esbuild');
  const bundle = async (mode: string) => {
    const result = await build({
      ...BROWSER_BUNDLE,
      entryPoints: [fileURLToPath(new URL('../../src/client/index.ts', import.meta.url))],
      define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  };
  const [production, development] = await Promise.all([bundle('production'), bundle('development')]);
  expect(development).toContain('is the auth handler mounted on this origin');
  expect(production).not.toMatch(/mounted on this origin|toNodeHandler|console\.error|NODE_ENV/);
  // The per-code texts are in both: they are what users read.
  expect(production).toContain('open the app on the host of its redirectUri');
});
