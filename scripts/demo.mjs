// `npm run demo`: installs what is missing, builds, and starts the local Livepush (mock server) and the
// demo apps, then prints where they are. Ctrl-C stops everything.
// With LIVEPUSH_CLIENT_ID and LIVEPUSH_CLIENT_SECRET set, the demos talk to real Livepush instead.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensureInstalled, pnpmEnv, ROOT, run } from './pnpm.mjs';

const HOST = '127.0.0.1';
const MOCK_PORT = Number(process.env.MOCK_PORT ?? 4010);
const DEMOS = [
  { name: 'React', dir: 'apps/react-demo', port: 5173, start: 'dist-server/index.mjs' },
  { name: 'Vue', dir: 'apps/vue-demo', port: 5174, start: 'dist/server/index.mjs' },
  { name: 'SvelteKit', dir: 'apps/sveltekit-demo', port: 5175, start: 'start.js' },
  { name: 'Next.js', dir: 'apps/next-demo', port: 5176, start: 'start.js' },
  { name: 'Nuxt', dir: 'apps/nuxt-demo', port: 5177, start: 'dist/start.mjs' },
];
const real = Boolean(process.env.LIVEPUSH_CLIENT_ID && process.env.LIVEPUSH_CLIENT_SECRET);
const mockUrl = `http://${HOST}:${MOCK_PORT}`;

const env = pnpmEnv();
ensureInstalled(env);
console.log('› building the demos');
const filters = ['@livepush/mock-server', ...DEMOS.map((d) => `./${d.dir}`)].map((f) => `--filter=${f}`);
run('turbo', ['run', 'build', '--output-logs=errors-only', ...filters], { env });

/** Every server we started, each in its own process group (killed as a group: nothing is orphaned). */
const children = [];
let stopping = false;
function stop(code = 0) {
  stopping = true;
  const kill = (signal) => {
    for (const child of children) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
  };
  kill('SIGTERM');
  setTimeout(() => {
    kill('SIGKILL');
    process.exit(code);
  }, 1500).unref();
  Promise.all(children.map((c) => c.exitCode ?? new Promise((r) => c.once('exit', r)))).then(() =>
    process.exit(code),
  );
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function start(name, args, cwd, extraEnv, url) {
  const stdio = ['ignore', 'ignore', 'pipe'];
  const child = spawn(process.execPath, args, { cwd, env: { ...env, ...extraEnv }, detached: true, stdio });
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`\n${name} stopped (${signal ?? `exit ${code}`}); stopping the others.`);
    if (!stopping) stop(1);
  });
  children.push(child);
  for (let attempt = 0; attempt < 150 && !stopping; attempt++) {
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!stopping) console.error(`${name} did not start at ${url}`);
  stop(1);
  await new Promise(() => {});
}

const mockBin = join(ROOT, 'packages/mock-server/dist/bin.js');
if (!real)
  await start('mock', [mockBin, '--port', String(MOCK_PORT), '--host', HOST], ROOT, {}, `${mockUrl}/`);
const shared = { HOST, SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('hex') };
if (!real) shared.LIVEPUSH_MOCK_URL = mockUrl;
delete env.LIVEPUSH_REDIRECT_URI; // each demo derives its own from its port
await Promise.all(
  DEMOS.map((d) =>
    start(
      d.name,
      [d.start],
      join(ROOT, d.dir),
      { ...shared, PORT: String(d.port) },
      `http://${HOST}:${d.port}/auth/session`,
    ),
  ),
);

const rows = [
  ...(real ? [] : [['Livepush (mock)', mockUrl]]),
  ...DEMOS.map((d) => [`${d.name} demo`, `http://${HOST}:${d.port}`]),
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`\n${rows.map(([name, url]) => `  ${name.padEnd(width)}  ${url}`).join('\n')}\n`);
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
