// `pnpm pack` of every published package: the exact tarballs `changeset publish` (through `pnpm publish`)
// uploads — `publishConfig.exports` applied, `workspace:` and `catalog:` ranges replaced by versions.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PUBLISHED, ROOT } from './packages.mjs';
import { capture } from './util.mjs';

/** Packs each published package into `dest`; returns `{ name, dir, tarball }[]` in PUBLISHED order. */
export function packAll(dest) {
  mkdirSync(dest, { recursive: true });
  return PUBLISHED.map(({ name, dir }) => {
    const result = capture('pnpm', ['pack', '--pack-destination', dest], { cwd: join(ROOT, dir) });
    const tarball = result.stdout
      .split('\n')
      .map((line) => line.trim())
      .findLast((line) => line.endsWith('.tgz'));
    if (result.status !== 0 || !tarball || !existsSync(tarball)) {
      throw new Error(`pnpm pack failed in ${dir}:\n${result.stdout}${result.stderr}`);
    }
    return { name, dir, tarball: resolve(dest, tarball) };
  });
}

/** Lists a tarball's files (without the leading `package/`). */
export function tarballFiles(tarball) {
  const result = capture('tar', ['-tzf', tarball]);
  if (result.status !== 0) throw new Error(`cannot list ${tarball}: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((file) => file.replace(/^package\//, ''));
}

/** Reads the package.json inside a tarball. */
export function tarballManifest(tarball) {
  const result = capture('tar', ['-xzOf', tarball, 'package/package.json']);
  if (result.status !== 0) throw new Error(`cannot read package.json in ${tarball}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}
