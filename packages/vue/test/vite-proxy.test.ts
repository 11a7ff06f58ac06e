// @vitest-environment node
// The README's development set-up, run: Vite with examples/vite/vite.config.ts proxies /auth/* to an API
// server (the core's handler through `toNodeHandler` on node:http, on a free port), and a browser on
// Vite's origin signs in through the proxy against the mock Livepush — redirectUri on Vite's port.
import { createServer as createHttpServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { toNodeHandler } from '@livepush/auth-core/node';
import { createLivepushAuth } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import { authOptions, Browser, freePort, startMock } from '@livepush/test-support';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';

const EXAMPLE = fileURLToPath(new URL('../examples/vite/', import.meta.url));

let mock: MockLivepush;
let api: Server;
let vite: ViteDevServer;
let page: string;

beforeAll(async () => {
  mock = await startMock();
  const vitePort = await freePort();
  page = `http://127.0.0.1:${vitePort}`;
  const auth = createLivepushAuth(authOptions(mock, page)); // redirectUri: Vite's origin
  api = createHttpServer(toNodeHandler(auth));
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  process.env.API_ORIGIN = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
  try {
    vite = await createServer({
      root: EXAMPLE,
      configFile: `${EXAMPLE}vite.config.ts`,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: vitePort, strictPort: true, hmr: false, watch: null },
    });
    await vite.listen();
  } finally {
    delete process.env.API_ORIGIN;
  }
}, 60_000);

afterAll(async () => {
  await vite?.close();
  await new Promise((resolve) => api?.close(resolve));
  await mock?.close();
});

it('signs in through Vite’s proxy: the callback, the session cookie and logout all on the page’s origin', async () => {
  const browser = new Browser(page);
  expect(await browser.session()).toEqual({ authenticated: false });
  const end = await browser.signIn('?returnTo=/');
  expect(end.href).toBe(`${page}/`);
  expect(await browser.session()).toMatchObject({ authenticated: true, user: { name: 'Ada Lovelace' } });
  expect((await browser.logout()).status).toBe(204);
  expect(await browser.session()).toEqual({ authenticated: false });
});
