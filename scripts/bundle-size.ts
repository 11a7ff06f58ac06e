import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** What to bundle: a module's source (e.g. `export { x } from 'pkg'`) or a file. */
export type BundleInput = { code: string } | { file: string };

/** Minified and min+gzip (level 9) byte counts. */
export interface BundleSize {
  minified: number;
  gzip: number;
}

/**
 * The one way the repo measures browser bundle size, as issue #9 defines it: bundled by esbuild for
 * the browser, minified, the framework left external, workspace packages from source, production
 * mode; gzip level 9. Used by the size tests of the browser packages and by `bench/`.
 */
export async function bundleSize(
  input: BundleInput,
  options: { resolveDir: string; external?: readonly string[] },
): Promise<BundleSize> {
  const result = await build({
    ...('code' in input
      ? { stdin: { contents: input.code, resolveDir: options.resolveDir, loader: 'ts' as const } }
      : { entryPoints: [input.file] }),
    absWorkingDir: options.resolveDir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    conditions: ['@livepush/source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    external: [...(options.external ?? [])],
    write: false,
    logLevel: 'silent',
  });
  const bytes = Buffer.concat(result.outputFiles.map((file) => file.contents));
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
