#!/usr/bin/env node
// The release dry run's install test: installs the packed tarballs (not the workspace) with npm into a
// scratch project under the temp dir, with their peers from the registry (or npm's cache), and runs
// smoke/smoke.mjs on plain Node — a full sign-in through the packed core and mock server, React and Vue
// server renders of that session through the packed adapters, every entry imported, one copy of the core.
//
//   node scripts/release/smoke.mjs [--pack-dir DIR] [--keep]
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { packAll, tarballManifest } from './pack.mjs';
import { PUBLISHED } from './packages.mjs';
import { capture, seconds } from './util.mjs';

/** npm under `pnpm run` inherits pnpm's npm_* variables; keep only the user's registry settings. */
function npmEnv() {
  const keep = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig']);
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_') || keep.has(key)),
  );
}

/** @param {{ name: string, tarball: string }[]} packed */
export function smoke(packed, { keep = false } = {}) {
  const start = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), 'livepush-release-smoke-'));
  try {
    const dependencies = {};
    for (const { name, tarball } of packed) {
      dependencies[name] = `file:${tarball}`;
      // Each peer at the version the package is tested with (its devDependency, catalog resolved).
      const manifest = tarballManifest(tarball);
      for (const peer of Object.keys(manifest.peerDependencies ?? {})) {
        dependencies[peer] = manifest.devDependencies?.[peer] ?? manifest.peerDependencies[peer];
      }
      // react-dom for the server render (not a peer: the adapter never imports it).
      if (manifest.peerDependencies?.react) dependencies['react-dom'] = manifest.devDependencies['react-dom'];
    }
    writeFileSync(
      join(scratch, 'package.json'),
      `${JSON.stringify({ name: 'livepush-release-smoke', private: true, type: 'module', dependencies }, null, 2)}\n`,
    );
    cpSync(new URL('smoke', import.meta.url), scratch, { recursive: true });
    const install = capture(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts'],
      { cwd: scratch, env: npmEnv() },
    );
    if (install.status !== 0) {
      return { ok: false, output: `npm install failed in ${scratch}:\n${install.stdout}${install.stderr}` };
    }
    const run = capture(process.execPath, ['smoke.mjs'], { cwd: scratch });
    const output = `${run.stdout}${run.stderr}`.trim();
    return { ok: run.status === 0, output, seconds: seconds(start), scratch };
  } finally {
    if (!keep) rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { 'pack-dir': { type: 'string' }, keep: { type: 'boolean' } } });
  const dest = values['pack-dir'] ?? mkdtempSync(join(tmpdir(), 'livepush-pack-'));
  const packed = packAll(dest);
  const result = smoke(packed, { keep: values.keep });
  if (!values['pack-dir']) rmSync(dest, { recursive: true, force: true });
  console.log(result.output);
  if (!result.ok) {
    console.error(`release smoke: FAILED (${PUBLISHED.length} tarballs)`);
    process.exit(1);
  }
  console.log(`release smoke: ok in ${result.seconds}${values.keep ? ` (kept ${result.scratch})` : ''}`);
}
