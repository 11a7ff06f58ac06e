// A throwaway npm registry for the release checks: Verdaccio on 127.0.0.1 (a free port), its config,
// storage and log in a temp dir, one user created for the run. `@livepush/*` come only from what is
// published into it (never proxied); every other package is proxied from the machine's npm registry,
// the uplink, so the apps install third-party dependencies as users do.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec } from './util.mjs';

const SERVER = new URL('registry/server.mjs', import.meta.url).pathname;
const START_TIMEOUT_MS = 30_000;

/** The registry npm is configured with here (the uplink for every package that is not ours). */
async function uplinkRegistry() {
  const { status, stdout } = await exec('npm', ['config', 'get', 'registry'], { cwd: tmpdir() });
  const url = stdout.trim();
  return status === 0 && /^https?:\/\//.test(url) ? url : 'https://registry.npmjs.org/';
}

function config(dir, uplink) {
  // JSON is YAML: Verdaccio reads this file with its YAML parser.
  return {
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 1 } },
    uplinks: { npmjs: { url: uplink, timeout: '60s', maxage: '30m', cache: true } },
    packages: {
      '@livepush/*': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' },
      '**': { access: '$all', publish: '$authenticated', proxy: 'npmjs' },
    },
    web: { enable: false },
    middlewares: { audit: { enabled: false } },
    max_body_size: '50mb',
    log: { type: 'stdout', format: 'pretty', level: 'warn' },
  };
}

function waitForPort(child, log) {
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Verdaccio did not start: ${why}\n${readFileSync(log, 'utf8')}`));
    };
    const timer = setTimeout(() => fail(`no port after ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
}

/** Registers the run's only user (npm's adduser request) and returns its token. */
async function createUser(url) {
  const name = 'livepush-release-check';
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: randomBytes(24).toString('base64url'), type: 'user', roles: [] }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.token !== 'string') {
    throw new Error(`could not create the registry user: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.token;
}

/**
 * Starts a local registry. `stop()` ends it and deletes its directory; call it in a `finally`. The
 * process also stops by itself when this one exits (its IPC channel closes).
 *
 * @returns {Promise<{ url: string, npmrc: string, dir: string, log: string, stop(): Promise<void> }>}
 *   `npmrc`: a user config with the registry and the publish token (for npm_config_userconfig).
 */
export async function startRegistry() {
  const dir = mkdtempSync(join(tmpdir(), 'livepush-registry-'));
  const log = join(dir, 'verdaccio.log');
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, JSON.stringify(config(dir, await uplinkRegistry()), null, 2));
  const out = openSync(log, 'a');
  const child = fork(SERVER, [configFile], { cwd: dir, stdio: ['ignore', out, out, 'ipc'] });
  closeSync(out); // the child has its own copy
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await waitForPort(child, log);
    const url = `http://127.0.0.1:${port}/`;
    const token = await createUser(url);
    const npmrc = join(dir, 'npmrc');
    writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, npmrc, dir, log, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
