import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { staleBuilds } from './support/built';
import { bundleWorker, PACKAGE } from './support/runtimes';

/** Every import esbuild saw (`from → to`), to show exactly where a forbidden one comes from. */
const importsOf = (metafile: Metafile) =>
  Object.entries(metafile.inputs).flatMap(([from, input]) => input.imports.map((i) => `${from} → ${i.path}`));

/** What esbuild bundles of `entry` (the built packages) for `platform`, `external` left out. */
async function bundleEntry(
  entry: string,
  platform: 'browser' | 'neutral',
  external: string[],
): Promise<Metafile> {
  const { metafile } = await build({
    stdin: { contents: `export * from '${entry}';`, resolveDir: PACKAGE, loader: 'js' },
    absWorkingDir: PACKAGE,
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    external,
    metafile: true,
    logLevel: 'silent',
  });
  return metafile;
}

/** The browser entries a front end bundles: the store and the adapters (framework peers external). */
const BROWSER_ENTRIES = [
  '@livepush/auth-core/client',
  '@livepush/auth-react',
  '@livepush/auth-vue',
  '@livepush/auth-vue/router',
];

beforeAll(() => {
  const stale = staleBuilds('core', 'react', 'vue');
  if (stale.length > 0)
    throw new Error(
      `packages/{${stale.join(',')}}/dist is missing or older than src: run \`pnpm build\` first.`,
    );
});

describe('the built bundles take the right sealer build', () => {
  it.each(BROWSER_ENTRIES)(
    '%s, bundled for a browser, holds no node: import and no sealer',
    async (entry) => {
      const metafile = await bundleEntry(entry, 'browser', [
        'react',
        'react/*',
        'react-dom',
        'vue',
        'vue-router',
        'node:*',
      ]);
      const imports = importsOf(metafile);
      expect(imports.length).toBeGreaterThan(0);
      expect(imports.filter((line) => /→ node:|seal-crypto/.test(line))).toEqual([]);
      expect(Object.keys(metafile.inputs).filter((file) => file.includes('seal'))).toEqual([]);
    },
  );

  it.each([
    '@livepush/auth-core',
    '@livepush/auth-core/server',
    '@livepush/auth-core/client',
    '@livepush/auth-core/protocol',
  ])('%s never reaches the Node-only /node entry (node:http bridge)', async (entry) => {
    const metafile = await bundleEntry(entry, 'neutral', ['node:*', '#seal-crypto']);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((file) => file.includes('packages/core/dist/'))).toBe(true);
    expect(inputs.filter((file) => file.includes('/dist/node/'))).toEqual([]);
    expect(importsOf(metafile).filter((line) => /→ node:http|→ node:tls/.test(line))).toEqual([]);
  });

  it('the server entry bundled for workerd (workerd, worker, browser) takes the Web Crypto sealer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livepush-worker-bundle-'));
    try {
      const metafile = await bundleWorker(join(dir, 'worker.js'));
      const inputs = Object.keys(metafile.inputs);
      expect(inputs.filter((file) => file.includes('seal-crypto'))).toEqual([
        '../../packages/core/dist/server/seal-crypto.js',
      ]);
      expect(importsOf(metafile).filter((line) => line.includes('→ node:'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
