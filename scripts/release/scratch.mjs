// A scratch copy of the repository for release rehearsals: `changeset version`, `pre enter`, builds and
// publishes run there, never in the working tree. It holds the working tree's files (tracked and new,
// not ignored ones) as one commit of a fresh git repository, so changesets finds the commits of its
// changesets and `git reset` undoes a rehearsal; dependencies come from the pnpm store (offline).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PUBLISHED, ROOT, readManifest } from './packages.mjs';
import { capture, exec } from './util.mjs';

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Livepush release check',
  GIT_AUTHOR_EMAIL: 'release-check@localhost',
  GIT_COMMITTER_NAME: 'Livepush release check',
  GIT_COMMITTER_EMAIL: 'release-check@localhost',
};

/**
 * The environment for package-manager commands: without the npm_* / pnpm_* variables that `pnpm run`
 * or `npm test` set for their own child (they would point npm at the wrong project or config).
 */
export function cleanEnv(extra = {}) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key) && key !== 'INIT_CWD'),
  );
  return { ...env, ...GIT_IDENTITY, ...extra };
}

/** Runs a command, throwing with its output if it fails. */
export async function must(cmd, args, options) {
  const result = await exec(cmd, args, options);
  if (result.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} exited with ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
  return result;
}

/** The working tree's files that git would commit: tracked ones still present, and new unignored ones. */
function workingTreeFiles() {
  const { status, stdout, stderr } = capture('git', [
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
  ]);
  if (status !== 0) throw new Error(`git ls-files failed: ${stderr}`);
  return [...new Set(stdout.split('\0').filter(Boolean))];
}

/**
 * Copies the working tree to a temp dir, commits it and installs from the pnpm store.
 * @returns {Promise<Scratch>}
 */
export async function createScratch() {
  const dir = mkdtempSync(join(tmpdir(), 'livepush-scratch-'));
  try {
    for (const file of workingTreeFiles()) {
      const from = join(ROOT, file);
      const to = join(dir, file);
      mkdirSync(dirname(to), { recursive: true });
      try {
        cpSync(from, to, { verbatimSymlinks: true });
      } catch (error) {
        if (error.code !== 'ENOENT') throw error; // deleted in the working tree, not yet committed
      }
    }
    const scratch = new Scratch(dir);
    await scratch.git(['init', '-q', '-b', 'main']);
    await scratch.git(['add', '-A']);
    await scratch.git([
      '-c',
      'commit.gpgsign=false',
      'commit',
      '-q',
      '-m',
      'scratch copy of the working tree',
    ]);
    // The root (changesets, tsdown) and the packages, not the demo apps; offline from the store the
    // workspace was installed from, online only if something is missing there.
    const install = [
      'install',
      '--frozen-lockfile',
      '--filter',
      readManifest('.').name,
      '--filter',
      './packages/*',
    ];
    const offline = await exec('pnpm', [...install, '--offline'], { cwd: dir, env: cleanEnv() });
    if (offline.status !== 0) await scratch.run('pnpm', [...install, '--prefer-offline']);
    return scratch;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export class Scratch {
  constructor(dir) {
    this.dir = dir;
  }

  /** Runs a command in the scratch copy (clean environment plus `env`); throws if it fails. */
  run(cmd, args, { env = {} } = {}) {
    return must(cmd, args, { cwd: this.dir, env: cleanEnv(env) });
  }

  git(args) {
    return this.run('git', args);
  }

  /** A binary from the scratch copy's node_modules/.bin. */
  changeset(args, options) {
    return this.run(join(this.dir, 'node_modules', '.bin', 'changeset'), args, options);
  }

  /** Builds the published packages (pnpm runs them in dependency order). */
  build() {
    return this.run('pnpm', [...PUBLISHED.flatMap(({ name }) => ['--filter', name]), 'run', 'build']);
  }

  /** The version every published package has now (the fixed group: one version). */
  version() {
    const versions = new Set(PUBLISHED.map(({ dir }) => readManifest(dir, this.dir).version));
    if (versions.size !== 1) throw new Error(`the published packages differ in version: ${[...versions]}`);
    return [...versions][0];
  }

  /** Back to the copied working tree: undoes versions, changelogs and pre mode (keeps node_modules, dist). */
  async reset() {
    await this.git(['reset', '-q', '--hard']);
    await this.git(['clean', '-fdq']);
  }

  /** Deletes the copy (without blocking the event loop: it holds a node_modules). */
  remove() {
    return rm(this.dir, { recursive: true, force: true });
  }
}
