import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * The one way the repo measures browser bundle size, as issue #9 defines it: `code` bundled by esbuild
 * for the browser, minified, the framework left external, workspace packages from source; gzip level 9.
 * Used by the size tests of each browser package and by `bench/`.
 */
export async function bundleSize(
  code: string,
  options: { resolveDir: string; external?: readonly string[] },
) {
  const result = await build({
    stdin: { contents: code, resolveDir: options.resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    conditions: ['@livepush/source'],
    external: [...(options.external ?? [])],
  });
  const bytes = result.outputFiles[0]!.contents;
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
