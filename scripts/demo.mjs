// `npm run demo`: installs what is missing, builds, and starts the local Livepush (mock server) and the
// three demo apps, then prints where they are. Ctrl-C stops everything.
// With LIVEPUSH_CLIENT_ID and LIVEPUSH_CLIENT_SECRET set, the demos talk to real Livepush instead.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensureInstalled, pnpmEnv, ROOT, run } from './pnpm.mjs';

const HOST = '127.0.0.1';
const MOCK_PORT = Number(process.env.MOCK_PORT ?? 4010);
const DEMOS = [
  { name: 'React', dir: 'apps/react-demo', port: 5173, start: ['dist-server/index.mjs'] },
  { name: 'Vue', dir: 'apps/vue-demo', port: 5174, start: ['dist/server/index.mjs'] },
  { name: 'SvelteKit', dir: 'apps/sveltekit-demo', port: 5175, start: ['start.js'] },
];
const real = Boolean(process.env.LIVEPUSH_CLIENT_ID && process.env.LIVEPUSH_CLIENT_SECRET);

const env = pnpmEnv();
ensureInstalled(env);
console.log('› building the demos');
run(
  'turbo',
  [
    'run',
    'build',
    '--output-logs=errors-only',
    '--filter=@livepush/mock-server',
    ...DEMOS.map((d) => `--filter=./${d.dir}`),
  ],
  { env },
);

/** Every process we started, each in its own process group so nothing is orphaned. */
const children = [];
let stopping = false;

function start(name, args, options) {
  const child = spawn(process.execPath, args, {
    ...options,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n${name} stopped (${signal ?? `exit ${code}`}); stopping the others.`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

function stop(code = 0) {
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => {
    for (const child of children) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(code);
  }, 1500).unref();
  if (children.every((child) => child.exitCode !== null || child.signalCode !== null)) process.exit(code);
  Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve))),
    ),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url, name) {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (stopping) return;
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.error(`${name} did not start at ${url}`);
  stop(1);
}

const mockUrl = `http://${HOST}:${MOCK_PORT}`;
if (!real) {
  start(
    'mock',
    [join(ROOT, 'packages/mock-server/dist/bin.js'), '--port', String(MOCK_PORT), '--host', HOST],
    { cwd: ROOT, env },
  );
  await waitFor(`${mockUrl}/`, 'the mock Livepush');
}

const shared = {
  ...env,
  HOST,
  SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
};
if (!real) shared.LIVEPUSH_MOCK_URL = mockUrl;
delete shared.LIVEPUSH_REDIRECT_URI; // each demo derives its own from its port
for (const demo of DEMOS) {
  start(demo.name, demo.start, { cwd: join(ROOT, demo.dir), env: { ...shared, PORT: String(demo.port) } });
}
await Promise.all(
  DEMOS.map((demo) => waitFor(`http://${HOST}:${demo.port}/auth/session`, `the ${demo.name} demo`)),
);
if (stopping) await new Promise(() => {});

const rows = [
  ...(real ? [] : [['Livepush (mock)', mockUrl]]),
  ...DEMOS.map((demo) => [`${demo.name} demo`, `http://${HOST}:${demo.port}`]),
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log('');
for (const [name, url] of rows) console.log(`  ${name.padEnd(width)}  ${url}`);
console.log('');
if (real) {
  console.log(`  Talking to real Livepush as client ${process.env.LIVEPUSH_CLIENT_ID}.`);
  console.log(
    `  Register these redirect URIs for it: ${DEMOS.map((d) => `http://${HOST}:${d.port}/auth/callback`).join(', ')}`,
  );
} else {
  console.log('  Sign in on the mock as Ada Lovelace (no password): press Approve on its consent page.');
  console.log('  Mock client: livepush-demo-client / livepush-demo-secret-not-for-production');
}
console.log('\n  Ctrl-C stops everything.\n');
