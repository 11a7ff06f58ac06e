// A release rehearsed through a real registry: Verdaccio on loopback (a free port, a temp dir), the
// packages versioned as a snapshot in a scratch copy of the repository, built and `changeset publish`ed
// into it, then installed BY NAME AND VERSION by a fresh app with npm and with pnpm, which runs the
// sign-in smoke test. Then a pre-release (`changeset pre enter next`) into the same registry.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED } from '../../../scripts/release/packages.mjs';
import { startRegistry } from '../../../scripts/release/registry.mjs';
import { cleanEnv, createScratch, must, type Scratch } from '../../../scripts/release/scratch.mjs';
import {
  CLIENTS,
  coreCopies,
  installAndSmoke,
  installWarnings,
  publish,
  registryManifest,
  versionSnapshot,
} from '../../../scripts/release/smoke.mjs';
import { newcomer } from './newcomer';
import { leavePreMode, MINUTE, writeChangeset } from './support';

type Registry = Awaited<ReturnType<typeof startRegistry>>;

const CORE = '@livepush/auth-core';
const names = PUBLISHED.map(({ name }) => name).sort();

/** `npm view <name> dist-tags` against the local registry, as a user would check it. */
async function distTags(registry: Registry, name: string): Promise<Record<string, string>> {
  const { stdout } = await must('npm', ['view', name, 'dist-tags', '--json', `--registry=${registry.url}`], {
    cwd: tmpdir(),
    env: cleanEnv(),
  });
  return JSON.parse(stdout);
}

describe('what the install checks count', () => {
  it('counts npm warn lines and pnpm WARN lines as warnings, and nothing else', () => {
    const npm = [
      'added 90 packages in 3s',
      'npm warn ERESOLVE overriding peer dependency',
      'npm WARN deprecated inflight@1.0.6: This module is not supported',
      'npm notice New minor version of npm available',
    ].join('\n');
    expect(installWarnings('npm', npm)).toEqual([
      'npm warn ERESOLVE overriding peer dependency',
      'npm WARN deprecated inflight@1.0.6: This module is not supported',
    ]);
    const pnpm = [
      'Packages: +90',
      '[WARN] Issues with peer dependencies found. Run "pnpm peers check" to list them.',
      ' WARN  deprecated glob@7.2.3',
      'Done in 1.7s using pnpm v12.4.2',
    ].join('\n');
    expect(installWarnings('pnpm', pnpm)).toEqual([
      '[WARN] Issues with peer dependencies found. Run "pnpm peers check" to list them.',
      ' WARN  deprecated glob@7.2.3',
    ]);
  });

  it('finds every installed copy of the core: nested (npm) and in the virtual store (pnpm)', () => {
    const app = mkdtempSync(join(tmpdir(), 'livepush-layout-'));
    const pkg = (...path: string[]) => {
      mkdirSync(join(app, ...path), { recursive: true });
      writeFileSync(join(app, ...path, 'package.json'), '{}');
    };
    try {
      pkg('node_modules', '@livepush', 'auth-core');
      pkg('node_modules', '@livepush', 'auth-react');
      expect(coreCopies(app)).toHaveLength(1);
      pkg('node_modules', '@livepush', 'auth-react', 'node_modules', '@livepush', 'auth-core');
      expect(coreCopies(app)).toHaveLength(2);
      rmSync(join(app, 'node_modules'), { recursive: true });
      // pnpm: links into node_modules/.pnpm count once per real directory.
      const store = (version: string) => join('node_modules', '.pnpm', `@livepush+auth-core@${version}`);
      pkg(store('1.0.0'), 'node_modules', '@livepush', 'auth-core');
      mkdirSync(join(app, 'node_modules', '@livepush'));
      symlinkSync(
        join(app, store('1.0.0'), 'node_modules', '@livepush', 'auth-core'),
        join(app, 'node_modules', '@livepush', 'auth-core'),
      );
      expect(coreCopies(app)).toHaveLength(1);
      pkg(store('1.0.1'), 'node_modules', '@livepush', 'auth-core');
      expect(coreCopies(app)).toHaveLength(2);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});

describe('a release through a local registry', () => {
  let registry: Registry;
  let scratch: Scratch;
  let snapshot: string | undefined;

  beforeAll(async () => {
    registry = await startRegistry();
    scratch = await createScratch();
    await leavePreMode(scratch);
  }, 2 * MINUTE);

  afterAll(async () => {
    await scratch?.remove();
    await registry?.stop();
  }, MINUTE);

  it(
    'publishes the fixed group: changeset version --snapshot, build, changeset publish',
    async () => {
      // A changeset of its own, so that there is a snapshot to make right after a release too.
      writeChangeset(scratch.dir, 'snapshot-rehearsal', { [CORE]: 'patch' }, 'A snapshot rehearsal.');
      const { version, publishArgs } = await versionSnapshot(scratch);
      expect(version).toMatch(/^\d+\.\d+\.\d+-ci-\d{14}$/);
      await scratch.build();
      const { published } = await publish(scratch, registry, publishArgs);
      expect(published.map(({ name }) => name).sort()).toEqual(names);
      expect(new Set(published.map((release) => release.version))).toEqual(new Set([version]));

      for (const name of names) {
        const manifest = await registryManifest(registry, name, version);
        expect(manifest.version).toBe(version);
        // `workspace:*` became the exact version, so an adapter pulls exactly this core from the registry.
        if (manifest.dependencies?.[CORE]) expect(manifest.dependencies[CORE]).toBe(version);
        expect(JSON.stringify(manifest)).not.toMatch(/workspace:|catalog:|@livepush\/source/);
        expect((await distTags(registry, name)).ci).toBe(version);
      }
      snapshot = version;
    },
    4 * MINUTE,
  );

  it.each(CLIENTS)(
    '%s installs every package by name and version: one core, peers resolved, no warnings, sign-in smoke test',
    async (client) => {
      expect(snapshot, 'the publish test published nothing').toBeDefined();
      const result = await installAndSmoke(registry, snapshot as string, client);
      expect(result.problems, result.output).toEqual([]);
      expect(result.output).toContain(`one core (${snapshot})`);
    },
    // Two installs each: the peers alone (the baseline of what the frameworks' own trees say), then the app.
    6 * MINUTE,
  );

  it(
    'the newcomer: a Vite + React SPA and an Express server made of the React README’s blocks, installed with npm, built, signed in with Chromium against the mock bin',
    async () => {
      expect(snapshot, 'the publish test published nothing').toBeDefined();
      const result = await newcomer(registry, snapshot as string);
      console.log(`newcomer: signed in in ${result.seconds} s (${result.installs.join('; ')})`);
      expect(result.files).toEqual(
        expect.arrayContaining(['server.js', 'vite.config.ts', 'index.html', 'src/main.tsx']),
      );
      expect(result.signedIn).toBe('Signed in as Ada Lovelace');
      expect(result.consoleErrors).toEqual([]);
    },
    8 * MINUTE,
  );

  it(
    'pre-release: changeset pre enter next publishes under the next dist-tag; pre exit gives the final version',
    async () => {
      await scratch.reset();
      writeChangeset(scratch.dir, 'pre-release-rehearsal', { [CORE]: 'minor' }, 'A pre-release rehearsal.');
      await scratch.changeset(['pre', 'enter', 'next']);
      await scratch.changeset(['version']);
      const version = scratch.version();
      expect(version).toMatch(/^\d+\.\d+\.\d+-next\.0$/);

      // In pre mode `changeset publish` picks the `next` dist-tag itself.
      const { published } = await publish(scratch, registry);
      expect(published.map(({ name }) => name).sort()).toEqual(names);
      for (const name of names) {
        const tags = await distTags(registry, name);
        expect(tags.next).toBe(version);
        expect(tags.latest, `${name}: a pre-release must not become latest`).not.toBe(version);
      }

      // What a user gets from `npm install @livepush/auth-redis@next`: the pre-release and its exact core.
      const app = mkdtempSync(join(tmpdir(), 'livepush-app-next-'));
      try {
        writeFileSync(join(app, 'package.json'), '{ "name": "next-app", "private": true }\n');
        await must('npm', ['install', '--no-audit', '--no-fund', '@livepush/auth-redis@next'], {
          cwd: app,
          env: cleanEnv({ npm_config_registry: registry.url }),
        });
        const installed = (name: string) =>
          JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')).version;
        expect(installed('@livepush/auth-redis')).toBe(version);
        expect(installed(CORE)).toBe(version);
      } finally {
        rmSync(app, { recursive: true, force: true });
      }

      await scratch.changeset(['pre', 'exit']);
      await scratch.changeset(['version']);
      expect(scratch.version()).toBe(version.replace(/-next\.0$/, ''));
    },
    3 * MINUTE,
  );
});
