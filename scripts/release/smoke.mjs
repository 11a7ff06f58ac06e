#!/usr/bin/env node
// The release install test, the way users install: the packages are published into a local registry
// (Verdaccio, see registry.mjs) from a scratch copy of the repository, then a fresh app outside the
// workspace installs them BY NAME AND VERSION from that registry — with npm and with pnpm — together
// with their peers (the versions the packages are tested with), and runs smoke/smoke.mjs on plain Node:
// a full sign-in through the installed core and mock server, React and Vue server renders of that
// session, every entry imported, one copy of the core. No warning or peer problem beyond what the peers
// alone make the package manager say (installed first, as a baseline).
//
//   node scripts/release/smoke.mjs [--keep]   (the whole rehearsal: registry, snapshot, build, publish,
//                                              npm and pnpm installs; --keep leaves the apps in the temp dir)
import { cpSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PUBLISHED } from './packages.mjs';
import { startRegistry } from './registry.mjs';
import { cleanEnv, createScratch } from './scratch.mjs';
import { exec, seconds } from './util.mjs';

export const CLIENTS = ['npm', 'pnpm'];

/**
 * `changeset version --snapshot <tag>` in the scratch copy; returns the version to publish. With no
 * pending changesets it leaves the versions as they are (after a Version Packages merge). In pre mode
 * (.changeset/pre.json) changesets allows no snapshot: the pre-release versions are published as they are.
 * @returns {Promise<{ version: string, publishArgs: string[] }>} `publishArgs`: the dist-tag to publish under
 */
export async function versionSnapshot(scratch, tag = 'ci') {
  if (existsSync(join(scratch.dir, '.changeset', 'pre.json'))) {
    return { version: scratch.version(), publishArgs: ['--no-git-tag'] };
  }
  await scratch.changeset(['version', '--snapshot', tag]);
  return { version: scratch.version(), publishArgs: ['--tag', tag, '--no-git-tag'] };
}

/**
 * `changeset publish` from the scratch copy into the registry, as `pnpm release` does (through
 * `pnpm publish`, the registry's token in the user config). Returns the names and versions it published,
 * read from changesets' own "published" lines.
 */
export async function publish(scratch, registry, args = []) {
  const { stdout, stderr } = await scratch.changeset(['publish', ...args], {
    env: { npm_config_registry: registry.url, npm_config_userconfig: registry.npmrc },
  });
  const published = [...`${stdout}\n${stderr}`.matchAll(/^🦋\s+(@livepush\/[\w-]+)@(\S+)$/gm)].map(
    ([, name, version]) => ({ name, version }),
  );
  return { published, output: `${stdout}${stderr}` };
}

/** A version's manifest as the registry serves it (what npm and pnpm read). */
export async function registryManifest(registry, name, version) {
  const response = await fetch(new URL(`${name.replace('/', '%2f')}/${version}`, registry.url));
  if (!response.ok) throw new Error(`${name}@${version}: the registry answered ${response.status}`);
  return response.json();
}

/**
 * The app's dependencies: every published package at `version`, each peer at the version the package
 * is tested with (its devDependency), and react-dom for the server render.
 */
async function appDependencies(registry, version) {
  const dependencies = {};
  for (const { name } of PUBLISHED) {
    const manifest = await registryManifest(registry, name, version);
    dependencies[name] = version;
    for (const [peer, range] of Object.entries(manifest.peerDependencies ?? {})) {
      dependencies[peer] = manifest.devDependencies?.[peer] ?? range;
    }
    if (manifest.peerDependencies?.react) dependencies['react-dom'] = manifest.devDependencies['react-dom'];
  }
  return dependencies;
}

/**
 * What counts as a warning: any line npm prints as `npm warn …` (peer conflicts ERESOLVE, deprecated
 * packages, EBADENGINE, …) and any pnpm line marked WARN (unmet or missing peers, deprecated packages,
 * ignored builds). Both installs run at their default log level; the check is on stdout and stderr.
 */
export function installWarnings(client, output) {
  const pattern = client === 'npm' ? /^npm warn\b/i : /(^|\s|\[)WARN\b/;
  return output.split('\n').filter((line) => pattern.test(line));
}

/**
 * Every installed `@livepush/auth-core` in an app (real paths, so pnpm's links count once): walks npm's
 * nested node_modules and pnpm's node_modules/.pnpm, without following links.
 */
export function coreCopies(app) {
  const copies = new Set();
  const list = (dir) => {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const visitPackage = (dir, entry) => {
    const path = join(dir, entry.name);
    if (path.endsWith(join('node_modules', '@livepush', 'auth-core'))) copies.add(realpathSync(path));
    if (entry.isDirectory()) visitModules(join(path, 'node_modules'));
  };
  const visitModules = (modules) => {
    for (const entry of list(modules)) {
      const path = join(modules, entry.name);
      if (entry.name === '.pnpm')
        for (const store of list(path)) visitModules(join(path, store.name, 'node_modules'));
      else if (entry.name.startsWith('@')) for (const scoped of list(path)) visitPackage(path, scoped);
      else if (!entry.name.startsWith('.')) visitPackage(modules, entry);
    }
  };
  visitModules(join(app, 'node_modules'));
  return [...copies];
}

/**
 * pnpm's build-script policy for the apps: esbuild (in Nuxt's and Vite's trees) brings its binary through
 * optional dependencies, so its install script is not needed (the repository's own pnpm-workspace.yaml says
 * the same). pnpm 12 fails an install whose builds are neither allowed nor refused.
 */
const PNPM_WORKSPACE = 'allowBuilds:\n  esbuild: false\n';

/**
 * A fresh directory set up like the smoke app (`dependencies`, the registry in its own user config), for
 * `client`. Returns the directory and the environment to run the package manager in.
 */
function freshApp(registry, client, name, dependencies) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const manifest = { name, private: true, type: 'module', dependencies };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (client === 'pnpm') writeFileSync(join(dir, 'pnpm-workspace.yaml'), PNPM_WORKSPACE);
  // The app's own user config names only the registry: installing needs no token.
  const npmrc = join(dir, '.npmrc');
  writeFileSync(npmrc, `registry=${registry.url}\n`);
  return { dir, env: cleanEnv({ npm_config_userconfig: npmrc }) };
}

/**
 * What installing `dependencies` makes `client` say: its warnings and, when its peer check fails, the
 * lines of that check. Run on the peers alone (the frameworks at their tested versions) it is the
 * baseline the app is compared with: a framework's own tree may warn by itself (Nuxt 4.4 on Node 20 pulls
 * packages that declare Node 22 and esbuild's install script), and our packages must add nothing to it.
 */
async function installNoise(registry, client, dependencies) {
  const { dir, env } = freshApp(registry, client, `livepush-${client}-baseline`, dependencies);
  try {
    const install = await exec(client, INSTALL[client](registry), { cwd: dir, env });
    if (install.status !== 0)
      throw new Error(`${client} install of the peers alone failed:\n${install.stdout}${install.stderr}`);
    const peers = await exec(client, PEER_CHECK[client], { cwd: dir, env });
    return {
      warnings: new Set(installWarnings(client, `${install.stdout}\n${install.stderr}`).map((l) => l.trim())),
      peers: new Set(
        peers.status === 0 ? [] : `${peers.stdout}\n${peers.stderr}`.split('\n').map((l) => l.trim()),
      ),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const INSTALL = {
  npm: (registry) => ['install', '--no-audit', '--no-fund', `--registry=${registry.url}`],
  pnpm: (registry) => ['install', `--registry=${registry.url}`],
};
/** The package manager's own view of peers: exit 0 means every peer is installed and in range. */
const PEER_CHECK = { npm: ['ls', '--all'], pnpm: ['peers', 'check'] };

/**
 * Installs `version` of every published package by name from the registry into a fresh app with
 * `client` (npm or pnpm) and runs the smoke test there.
 * @returns {Promise<{ ok: boolean, problems: string[], output: string, seconds: string, app: string }>}
 */
export async function installAndSmoke(registry, version, client, { keep = false } = {}) {
  const start = performance.now();
  const dependencies = await appDependencies(registry, version);
  const peersOnly = Object.fromEntries(
    Object.entries(dependencies).filter(([name]) => !name.startsWith('@livepush/')),
  );
  const baseline = await installNoise(registry, client, peersOnly);
  const { dir: app, env } = freshApp(registry, client, `livepush-${client}-app`, dependencies);
  const problems = [];
  let output = '';
  try {
    cpSync(new URL('smoke', import.meta.url), app, { recursive: true });

    const install = await exec(client, INSTALL[client](registry), { cwd: app, env });
    output += `$ ${client} install\n${install.stdout}${install.stderr}`;
    if (install.status !== 0) {
      problems.push(`${client} install exited with ${install.status}`);
      return { ok: false, problems, output, seconds: seconds(start), app };
    }
    for (const line of installWarnings(client, `${install.stdout}\n${install.stderr}`)) {
      if (!baseline.warnings.has(line.trim())) problems.push(`${client} install warned: ${line.trim()}`);
    }
    const peers = await exec(client, PEER_CHECK[client], { cwd: app, env });
    const peerProblems = `${peers.stdout}\n${peers.stderr}`
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !baseline.peers.has(line));
    if (peers.status !== 0 && peerProblems.length > 0) {
      problems.push(`${client} ${PEER_CHECK[client].join(' ')} found problems:\n${peerProblems.join('\n')}`);
    }
    const cores = coreCopies(app);
    if (cores.length !== 1)
      problems.push(`${cores.length} copies of @livepush/auth-core: ${cores.join(', ')}`);

    const smoke = await exec(process.execPath, ['smoke.mjs'], { cwd: app, env });
    output += `$ node smoke.mjs\n${smoke.stdout}${smoke.stderr}`;
    if (smoke.status !== 0) problems.push(`smoke test failed:\n${smoke.stdout}${smoke.stderr}`);
    return { ok: problems.length === 0, problems, output, seconds: seconds(start), app };
  } finally {
    if (!keep) rmSync(app, { recursive: true, force: true });
  }
}

/**
 * The whole rehearsal of a release, as `pnpm release` runs it before publishing: a local registry, a
 * scratch copy versioned as a snapshot (pending changesets; none pending: the versions as they are),
 * built and published, then installed with npm and with pnpm and smoke-tested. Logs as it goes.
 * @returns {Promise<boolean>} true when every install and smoke test passed
 */
export async function rehearse({ keep = false, log = console.log } = {}) {
  const start = performance.now();
  const registry = await startRegistry();
  let scratch;
  try {
    scratch = await createScratch();
    const { version, publishArgs } = await versionSnapshot(scratch);
    await scratch.build();
    const { published } = await publish(scratch, registry, publishArgs);
    log(`  published ${published.length} packages at ${version} into a local registry (${seconds(start)})`);
    let ok = published.length === PUBLISHED.length;
    if (!ok) log(`  ✗ published ${published.length} of ${PUBLISHED.length} packages`);
    for (const client of CLIENTS) {
      const result = await installAndSmoke(registry, version, client, { keep });
      ok &&= result.ok;
      log(
        `  ${client}: ${result.ok ? 'installed by name and version, smoke test ok' : 'FAILED'} (${result.seconds})`,
      );
      for (const problem of result.problems) log(`  ✗ ${problem}`);
      if (keep) log(`  kept ${result.app}`);
    }
    return ok;
  } finally {
    await scratch?.remove();
    await registry.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { keep: { type: 'boolean' } } });
  const start = performance.now();
  const ok = await rehearse({ keep: values.keep });
  console.log(`release rehearsal: ${ok ? 'ok' : 'FAILED'} (${seconds(start)})`);
  process.exit(ok ? 0 : 1);
}
