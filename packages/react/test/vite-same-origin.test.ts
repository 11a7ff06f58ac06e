// @vitest-environment node
// The README's two same-origin set-ups, run as a user runs them (examples/vite: server.js and
// vite.config.ts): in development the page is on Vite's dev server, which proxies /auth/* to the Express
// server; in production the Express server serves the built app and /auth/* from one origin. Both sign
// in against a mock Livepush in another process (LIVEPUSH_MOCK_URL), over real HTTP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CLIENT, type MockLivepush } from '@livepush/mock-server';
import { Browser, freePort, type Started, startMock, startProcess } from '@livepush/test-support';
import { build } from 'esbuild';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(PACKAGE, 'examples/vite');
// Inside the package, so the bundle finds `express` in its node_modules.
const OUT = join(PACKAGE, 'node_modules/.cache/livepush-examples');

let mock: MockLivepush;
const started: Started[] = [];
let vite: ViteDevServer | undefined;
let cwd: string;

/** examples/vite/server.ts in its own Node process, configured as the README says. */
async function startServer(env: { PORT: number; ORIGIN: string }) {
  const server = await startProcess(process.execPath, [join(OUT, 'vite-server.mjs')], {
    cwd,
    env: {
      PATH: process.env.PATH,
      PORT: String(env.PORT),
      HOST: '127.0.0.1',
      ORIGIN: env.ORIGIN,
      LIVEPUSH_MOCK_URL: mock.url,
      LIVEPUSH_CLIENT_ID: DEFAULT_CLIENT.clientId,
      LIVEPUSH_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
      SESSION_SECRET: 'the-vite-example-session-secret-0123456789',
    },
    ready: /Listening on 127\.0\.0\.1:(\d+); open (\S+)/,
  });
  started.push(server);
  return server;
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: [join(EXAMPLE, 'server.ts')],
    outfile: join(OUT, 'vite-server.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@livepush/source'],
    external: ['express'],
    logLevel: 'silent',
  });
  // What `vite build` leaves for the server to serve in production.
  cwd = mkdtempSync(join(tmpdir(), 'livepush-vite-example-'));
  mkdirSync(join(cwd, 'dist'));
  writeFileSync(join(cwd, 'dist/index.html'), '<!doctype html><div id="root">built app</div>');
  mock = await startMock();
}, 60_000);

afterAll(async () => {
  await vite?.close();
  for (const server of started) await server.stop();
  await mock?.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('examples/vite: same origin', () => {
  it('development: Vite serves the page and proxies /auth/* to server.js; redirectUri uses Vite’s port', async () => {
    const apiPort = await freePort();
    const vitePort = await freePort();
    const page = `http://127.0.0.1:${vitePort}`;
    const api = await startServer({ PORT: apiPort, ORIGIN: page });
    expect(api.match[2]).toBe(page);
    process.env.API_ORIGIN = `http://127.0.0.1:${apiPort}`; // what the README's vite.config.ts reads
    try {
      vite = await createServer({
        root: EXAMPLE,
        configFile: join(EXAMPLE, 'vite.config.ts'),
        logLevel: 'silent',
        server: { host: '127.0.0.1', port: vitePort, strictPort: true, hmr: false, watch: null },
      });
      await vite.listen();
    } finally {
      delete process.env.API_ORIGIN;
    }
    const browser = new Browser(page);
    const html = await (await browser.app('/')).text();
    expect(html).toContain('<script type="module" src="/src/main.tsx"></script>');
    expect(await browser.session()).toEqual({ authenticated: false });

    const before = mock.stats().codeGrants;
    const end = await browser.signIn('?returnTo=/');
    expect(end.href).toBe(`${page}/`); // the callback came back through Vite's proxy
    expect(mock.stats().codeGrants).toBe(before + 1);
    expect(await browser.session()).toMatchObject({ authenticated: true, user: { name: 'Ada Lovelace' } });
    // Logout's same-origin check passes through the proxy: the Host header is still Vite's.
    expect((await browser.logout()).status).toBe(204);
    expect(await browser.session()).toEqual({ authenticated: false });
    expect(api.output()).not.toMatch(/error/i);
  });

  it('without the proxy, the page’s /auth/session is not the handler (what the dev hint reports)', async () => {
    const port = await freePort();
    const bare = await createServer({
      root: EXAMPLE,
      configFile: false,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
    });
    await bare.listen();
    try {
      const response = await fetch(`http://127.0.0.1:${port}/auth/session`, {
        headers: { accept: 'application/json' },
      });
      const html = /html/.test(response.headers.get('content-type') ?? '');
      expect(
        response.status === 404 || html,
        `${response.status} ${response.headers.get('content-type')}`,
      ).toBe(true);
    } finally {
      await bare.close();
    }
  });

  it('production: server.js serves the built app and /auth/* from one origin; redirectUri uses its port', async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    await startServer({ PORT: port, ORIGIN: origin });
    const browser = new Browser(origin);
    expect(await (await browser.app('/')).text()).toContain('built app');
    const end = await browser.signIn('?returnTo=/');
    expect(end.href).toBe(`${origin}/`);
    expect(await browser.session()).toMatchObject({ authenticated: true, user: { name: 'Ada Lovelace' } });
  });
});
