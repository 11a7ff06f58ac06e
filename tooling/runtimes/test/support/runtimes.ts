import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Started, startProcess } from '@livepush/test-support';
import { build, type Metafile } from 'esbuild';

const require = createRequire(import.meta.url);
/** This package's folder: the cwd of the servers and of the worker bundle's paths. */
export const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const SERVERS = join(PACKAGE, 'servers');
/** Where a runtime's npm package (its package.json at `manifest`) keeps its executable once its postinstall ran. */
const executable = (manifest: string, ...path: string[]) => join(dirname(manifest), ...path);

/** What every app server gets: the mock's endpoints and the session secret (the same everywhere). */
export type AppEnv = {
  MOCK_ENDPOINTS: string;
  SESSION_SECRET: string;
};

/** A running app server on one runtime. */
export interface AppServer extends Started {
  url: string;
}

export interface Runtime {
  name: 'node' | 'bun' | 'deno' | 'workerd';
  /** The sealer build this runtime must pick through `#seal-crypto`. */
  sealer: 'node-crypto' | 'web-crypto';
  start(env: AppEnv): Promise<AppServer>;
}

const LISTENING = /listening (http:\/\/127\.0\.0\.1:\d+)/;
const base = { PATH: process.env.PATH, NO_COLOR: '1' };

async function serve(
  command: string,
  args: string[],
  env: AppEnv & Record<string, string>,
): Promise<AppServer> {
  const started = await startProcess(command, args, {
    cwd: PACKAGE,
    env: { ...base, ...env },
    ready: LISTENING,
  });
  return { ...started, url: started.match[1]! };
}

/** The workerd worker: servers/workerd.mjs bundled with the conditions wrangler uses. */
export async function bundleWorker(outfile: string): Promise<Metafile> {
  const result = await build({
    entryPoints: [join(SERVERS, 'workerd.mjs')],
    absWorkingDir: PACKAGE,
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'silent',
  });
  return result.metafile;
}

/** A workerd config: the worker on a free loopback port, allowed to reach the mock on loopback. */
function workerdConfig(env: AppEnv & { WORKERD_VERSION: string }): string {
  const bindings = Object.entries(env)
    .map(([name, value]) => `    (name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)}),`)
    .join('\n');
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local", "private"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-11-01",
  bindings = [
${bindings}
  ],
  globalOutbound = "loopback",
);
`;
}

export const RUNTIMES: Runtime[] = [
  {
    name: 'node',
    sealer: 'node-crypto',
    start: (env) => serve(process.execPath, [join(SERVERS, 'node.mjs')], env),
  },
  {
    name: 'bun',
    // Bun matches the `node` condition, so it gets the node:crypto build (Bun implements it).
    sealer: 'node-crypto',
    start: (env) =>
      serve(
        executable(require.resolve('bun/package.json'), 'bin', 'bun.exe'),
        [join(SERVERS, 'bun.mjs')],
        env,
      ),
  },
  {
    name: 'deno',
    sealer: 'web-crypto',
    start: (env) =>
      serve(
        executable(require.resolve('deno/package.json'), 'deno'),
        [
          'run',
          '--no-lock',
          '--allow-net=127.0.0.1',
          '--allow-env',
          '--allow-read',
          join(SERVERS, 'deno.mjs'),
        ],
        // Offline and quiet: no update check, never a permission prompt.
        { ...env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' },
      ),
  },
  {
    name: 'workerd',
    sealer: 'web-crypto',
    async start(env) {
      const dir = mkdtempSync(join(tmpdir(), 'livepush-workerd-'));
      await bundleWorker(join(dir, 'worker.js'));
      const { version } = require('workerd/package.json') as { version: string };
      writeFileSync(join(dir, 'config.capnp'), workerdConfig({ ...env, WORKERD_VERSION: version }));
      const started = await startProcess(
        executable(require.resolve('workerd/package.json'), 'bin', 'workerd'),
        ['serve', join(dir, 'config.capnp'), '--control-fd=3'],
        { cwd: dir, env: base, ready: /"event":"listen","socket":"http","port":(\d+)/, readyFd: 3 },
      );
      return {
        ...started,
        url: `http://127.0.0.1:${started.match[1]}`,
        stop: async () => {
          await started.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];
