#!/usr/bin/env node
// Artefact checks for every published package, on the tarballs `pnpm pack` makes (what gets published):
// manifest metadata, tarball contents, `publint --strict` and `attw --profile esm-only`.
// Run after `turbo run build`. Exits non-zero with one line per problem.
//
//   node scripts/release/check-packages.mjs [--pack-dir DIR]   (DIR: keep the tarballs there; default a temp dir)
//
// Size budgets are not checked here: size-limit checks them (each browser package's .size-limit.ts) and
// bench/ compares sizes with the alternatives.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { packAll, tarballFiles, tarballManifest } from './pack.mjs';
import { NODE_ENGINE, PEER_RANGES, PUBLISHED, REPOSITORY, ROOT, readManifest } from './packages.mjs';
import { bin, capture, seconds } from './util.mjs';

const SOURCE_CONDITION = '@livepush/source';
const CORE = '@livepush/auth-core';

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Every `exports` target (strings), walking conditions. */
function targets(value) {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

/** Problems in the workspace package.json (the source of truth for what `pnpm pack` writes). */
function checkManifest(spec, pkg) {
  const problems = [];
  const expect = (ok, message) => ok || problems.push(message);
  expect(pkg.name === spec.name, `name is ${pkg.name}, expected ${spec.name}`);
  expect(pkg.private !== true, 'is private');
  expect(pkg.license === 'MIT', `license is ${JSON.stringify(pkg.license)}, expected "MIT"`);
  expect(typeof pkg.author === 'string' && pkg.author !== '', 'author is missing');
  expect(typeof pkg.description === 'string' && pkg.description.length > 20, 'description is missing');
  expect(
    Array.isArray(pkg.keywords) && pkg.keywords.includes('livepush'),
    'keywords must include "livepush"',
  );
  expect(
    same(pkg.repository, { type: 'git', url: `git+${REPOSITORY}.git`, directory: spec.dir }),
    `repository must be { type: "git", url: "git+${REPOSITORY}.git", directory: "${spec.dir}" }`,
  );
  expect(pkg.homepage === `${REPOSITORY}/tree/main/${spec.dir}#readme`, 'homepage must point at the README');
  expect(pkg.bugs?.url === `${REPOSITORY}/issues`, `bugs.url must be ${REPOSITORY}/issues`);
  expect(pkg.type === 'module', 'type must be "module"');
  expect(pkg.sideEffects === false, 'sideEffects must be false');
  expect(same(pkg.engines, { node: NODE_ENGINE }), `engines must be { node: "${NODE_ENGINE}" }`);
  expect(same(pkg.files, ['dist', 'README.md']), 'files must be ["dist", "README.md"]');
  expect(pkg.publishConfig?.access === 'public', 'publishConfig.access must be "public"');
  expect(pkg.publishConfig?.exports, 'publishConfig.exports is missing (it drops the source condition)');
  expect(
    !JSON.stringify(pkg.publishConfig?.exports ?? {}).includes(SOURCE_CONDITION),
    `publishConfig.exports must not name ${SOURCE_CONDITION}`,
  );
  expect(
    same(Object.keys(pkg.publishConfig?.exports ?? {}), Object.keys(pkg.exports ?? {})),
    'publishConfig.exports must have the same subpaths as exports',
  );
  expect(existsSync(join(ROOT, spec.dir, 'README.md')), 'README.md is missing');

  const peers = pkg.peerDependencies ?? {};
  expect(
    same(Object.keys(peers).sort(), [...spec.peers].sort()),
    `peerDependencies must be exactly ${spec.peers.join(', ') || 'none'} (has ${Object.keys(peers).join(', ') || 'none'})`,
  );
  for (const peer of spec.peers) {
    expect(
      peers[peer] === PEER_RANGES[peer],
      `peer ${peer} must be "${PEER_RANGES[peer]}" (is "${peers[peer]}")`,
    );
    expect(pkg.devDependencies?.[peer], `peer ${peer} must also be a devDependency (the tests use it)`);
  }
  const optional = Object.entries(pkg.peerDependenciesMeta ?? {})
    .filter(([, meta]) => meta?.optional)
    .map(([name]) => name);
  expect(
    same(optional.sort(), [...(spec.optionalPeers ?? [])].sort()),
    `optional peers must be ${spec.optionalPeers?.join(', ') || 'none'}`,
  );

  // One core at runtime: adapters take it as a regular dependency pinned to the same version (fixed group).
  if (spec.name !== CORE && spec.name !== '@livepush/mock-server') {
    expect(pkg.dependencies?.[CORE] === 'workspace:*', `dependencies["${CORE}"] must be "workspace:*"`);
    expect(!peers[CORE], `${CORE} must not be a peer (see RELEASING.md)`);
  }
  for (const [name, range] of Object.entries(pkg.dependencies ?? {})) {
    if (name.startsWith('@livepush/'))
      expect(range === 'workspace:*', `dependency ${name} must be "workspace:*"`);
  }
  for (const file of [...targets(pkg.publishConfig?.exports), ...targets(pkg.bin)]) {
    if (file.endsWith('/package.json')) continue;
    expect(existsSync(join(ROOT, spec.dir, file)), `${file} does not exist (run the build first)`);
  }
  return problems;
}

/** Problems in the packed tarball. */
function checkTarball(tarball, version) {
  const problems = [];
  const expect = (ok, message) => ok || problems.push(message);
  const files = tarballFiles(tarball);
  const stray = files.filter(
    (file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(file),
  );
  expect(stray.length === 0, `tarball has files outside dist/ and README.md: ${stray.join(', ')}`);
  expect(files.includes('README.md'), 'tarball has no README.md');
  const maps = files.filter((file) => file.endsWith('.map'));
  const manifest = tarballManifest(tarball);
  const text = JSON.stringify(manifest);
  expect(!text.includes('workspace:'), 'packed package.json still has a workspace: range');
  expect(!text.includes('catalog:'), 'packed package.json still has a catalog: range');
  expect(
    !JSON.stringify(manifest.exports).includes(SOURCE_CONDITION),
    `packed exports still name ${SOURCE_CONDITION}`,
  );
  expect(!manifest.publishConfig?.exports, 'packed package.json kept publishConfig.exports');
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    if (name.startsWith('@livepush/'))
      expect(range === version, `packed dependency ${name} is "${range}", expected "${version}"`);
  }
  for (const file of [...targets(manifest.exports), ...targets(manifest.bin)]) {
    const path = file.replace(/^\.\//, '');
    expect(path === 'package.json' || files.includes(path), `packed exports/bin point at missing ${file}`);
  }
  for (const map of maps) {
    // A source map that points at src/ files that are not shipped is noise for users' debuggers.
    expect(files.includes(map.replace(/\.map$/, '')), `${map} without its file`);
  }
  return problems;
}

function tool(cmd, args) {
  const result = capture(cmd, args);
  const output = `${result.stdout}\n${result.stderr}`.trim();
  return { ok: result.status === 0, output };
}

export function checkPackages({ packDir } = {}) {
  const start = performance.now();
  const dest = packDir ?? mkdtempSync(join(tmpdir(), 'livepush-pack-'));
  const problems = [];
  const report = (name, list) => {
    for (const problem of list) problems.push(`${name}: ${problem}`);
  };
  const manifests = new Map(PUBLISHED.map((spec) => [spec.name, readManifest(spec.dir)]));
  const versions = new Set([...manifests.values()].map((pkg) => pkg.version));
  if (versions.size !== 1) problems.push(`versions differ (fixed group): ${[...versions].join(', ')}`);
  const [version] = versions;
  for (const spec of PUBLISHED) report(spec.name, checkManifest(spec, manifests.get(spec.name)));

  let packed = [];
  try {
    packed = packAll(dest);
  } catch (error) {
    problems.push(String(error.message ?? error));
  }
  for (const { name, tarball } of packed) {
    report(name, checkTarball(tarball, version));
    const publint = tool(bin('publint'), ['run', '--strict', tarball]);
    if (!publint.ok || !/All good!/.test(publint.output))
      report(name, [`publint --strict:\n${publint.output}`]);
    const attw = tool(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-emoji']);
    if (!attw.ok) report(name, [`attw --profile esm-only:\n${attw.output}`]);
  }
  if (!packDir) rmSync(dest, { recursive: true, force: true });
  return { problems, packed, seconds: seconds(start) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { 'pack-dir': { type: 'string' } } });
  const { problems, packed, seconds: took } = checkPackages({ packDir: values['pack-dir'] });
  if (problems.length > 0) {
    console.error(`check-packages: ${problems.length} problem(s)\n`);
    for (const problem of problems) console.error(`  ✗ ${problem}`);
    process.exit(1);
  }
  console.log(
    `check-packages: ${packed.length} packages clean (manifest, tarball, publint --strict, attw esm-only) in ${took}`,
  );
}
