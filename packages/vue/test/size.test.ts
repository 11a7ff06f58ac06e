// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, defaultClientConditions, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { bundleSize } from '../../../scripts/bundle-size';

/** Minified + gzipped size of `code` bundled the way an app's bundler would, `external` left out. */
async function gzipSize(code: string, external: RegExp): Promise<number> {
  const entry = 'virtual:size-entry';
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    root: fileURLToPath(new URL('..', import.meta.url)),
    resolve: { conditions: ['@livepush/source', ...defaultClientConditions] },
    plugins: [
      {
        name: 'size-entry',
        resolveId: (id) => (id.endsWith(entry) ? `\0${entry}` : undefined),
        load: (id) => (id === `\0${entry}` ? code : undefined),
      },
    ],
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'size' },
      rolldownOptions: { external: (id) => external.test(id) },
    },
  })) as Rolldown.RolldownOutput[];
  const chunks = output.flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  return chunks.reduce((sum, chunk) => sum + gzipSync(chunk.code).length, 0);
}

const src = (file: string) => JSON.stringify(fileURLToPath(new URL(`../src/${file}`, import.meta.url)));

describe('bundle size (minified + gzip)', () => {
  it('the binding stays tiny', async () => {
    const binding = await gzipSize(
      `export { createLivepush, useLivepush } from ${src('index.ts')};`,
      /^(vue|@livepush\/auth-core)/,
    );
    const guard = await gzipSize(
      `export { createLivepushGuard } from ${src('router.ts')};`,
      /^(vue|vue-router|@livepush\/auth-core)/,
    );
    // A minimal app's auth code, measured the way bench/ does (esbuild, framework external).
    const withStore = (
      await bundleSize(
        { code: `export { createLivepush, useLivepush } from ${src('index.ts')};` },
        {
          resolveDir: fileURLToPath(new URL('..', import.meta.url)),
          external: ['vue'],
        },
      )
    ).gzip;
    console.info(
      `auth-vue: binding ${binding} B, guard ${guard} B, binding + core store ${withStore} B (gzip)`,
    );
    // A minimal app's auth code: binding + core store, ~2 kB. Issue 15 put the store's login URL and
    // scope check in core's shared modules (one copy each) and taught it the VOD API: +54 B over 2048.
    // Issue 16: the store refreshes once ahead of expiry and holds fetch() meanwhile: +~210 B.
    expect(binding).toBeLessThanOrEqual(800);
    expect(guard).toBeLessThanOrEqual(900);
    expect(withStore).toBeLessThanOrEqual(2368);
  }, 30_000);
});
