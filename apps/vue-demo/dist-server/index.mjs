import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { LIVEPUSH_ENDPOINTS } from '@livepush/auth-core';
import { createLivepushAuth } from '@livepush/auth-core/server';
import { DEFAULT_CLIENT, startMockLivepush } from '@livepush/mock-server';
import { Hono } from 'hono';

//#region ../demo-shared/src/index.ts
/** The scopes every demo asks for at sign-in; `streams.create` is asked for later (incremental consent). */
const DEMO_SCOPES = ['profile.read', 'streams.read'];
/**
 * Reads the demo configuration from the environment:
 * - `LIVEPUSH_CLIENT_ID` + `LIVEPUSH_CLIENT_SECRET` set → real Livepush (endpoint overrides optional:
 *   `LIVEPUSH_AUTHORIZE_URL`, `LIVEPUSH_TOKEN_URL`, `LIVEPUSH_ACCOUNTS_API`, `LIVEPUSH_STREAMS_API`);
 * - else `LIVEPUSH_MOCK_URL` set → that running mock server with its default client;
 * - else a mock server is started in-process on a free port (`MOCK_PORT` to pin it).
 * `LIVEPUSH_REDIRECT_URI` defaults to `http://127.0.0.1:{port}/auth/callback`; `SESSION_SECRET` to a
 * random secret (sessions then end when the demo restarts). `MOCK_CONSENT` = prompt | approve | deny;
 * `MOCK_TTL` = access-token lifetime in seconds (short values show refresh at work).
 */
async function demoLivepushFromEnv(port, env = process.env) {
  const base = {
    redirectUri: env.LIVEPUSH_REDIRECT_URI ?? `http://127.0.0.1:${port}/auth/callback`,
    secret:
      env.SESSION_SECRET ??
      crypto.getRandomValues(new Uint8Array(32)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), ''),
    scopes: [...DEMO_SCOPES],
  };
  if (env.LIVEPUSH_CLIENT_ID && env.LIVEPUSH_CLIENT_SECRET) {
    const endpoints = {
      authorize: env.LIVEPUSH_AUTHORIZE_URL ?? LIVEPUSH_ENDPOINTS.authorize,
      token: env.LIVEPUSH_TOKEN_URL ?? LIVEPUSH_ENDPOINTS.token,
      accountsApi: env.LIVEPUSH_ACCOUNTS_API ?? LIVEPUSH_ENDPOINTS.accountsApi,
      streamsApi: env.LIVEPUSH_STREAMS_API ?? LIVEPUSH_ENDPOINTS.streamsApi,
    };
    return {
      options: {
        ...base,
        clientId: env.LIVEPUSH_CLIENT_ID,
        clientSecret: env.LIVEPUSH_CLIENT_SECRET,
        endpoints,
      },
      mock: null,
      describe: `real Livepush (${new URL(endpoints.authorize).host}) as client ${env.LIVEPUSH_CLIENT_ID}`,
      close: async () => {},
    };
  }
  const client = {
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
  };
  if (env.LIVEPUSH_MOCK_URL) {
    const url = env.LIVEPUSH_MOCK_URL.replace(/\/+$/, '');
    const endpoints = {
      authorize: `${url}/oauth2/authorize`,
      token: `${url}/oauth2/access_token`,
      accountsApi: `${url}/squid`,
      streamsApi: `${url}/octopus`,
    };
    return {
      options: {
        ...base,
        ...client,
        endpoints,
      },
      mock: null,
      describe: `the mock Livepush at ${url}`,
      close: async () => {},
    };
  }
  const consent = env.MOCK_CONSENT === 'approve' || env.MOCK_CONSENT === 'deny' ? env.MOCK_CONSENT : 'prompt';
  const ttl = Number(env.MOCK_TTL ?? 3600);
  const mock = await startMockLivepush({
    port: Number(env.MOCK_PORT ?? 0),
    consent,
    accessTokenTtlSeconds: ttl,
  });
  return {
    options: {
      ...base,
      ...client,
      endpoints: mock.endpoints,
    },
    mock,
    describe: `an embedded mock Livepush at ${mock.url}`,
    close: () => mock.close(),
  };
}
//#endregion
//#region server/index.ts
const port = Number(process.env.PORT ?? 5174);
const host = process.env.HOST ?? '127.0.0.1';
/** `vite build` output: next to this file's folder once bundled into `dist-server/`. */
const client = process.env.CLIENT_DIR ?? fileURLToPath(new URL('../dist', import.meta.url));
const demo = await demoLivepushFromEnv(port);
const auth = createLivepushAuth(demo.options);
const template = await readFile(`${client}/index.html`, 'utf8');
/** JSON that is safe inside a <script> element. */
const scriptJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');
const app = new Hono();
app.all('/auth/*', (c) => auth.handler(c.req.raw));
app.use('/assets/*', serveStatic({ root: client }));
app.get('*', async (c) => {
  const context = auth.forRequest(c.req.raw);
  const session = await context.getSession().catch(() => null);
  const html = template.replace(
    '<!--livepush-session-->',
    `<script id="livepush-session" type="application/json">${scriptJson(session ?? { authenticated: false })}</script>`,
  );
  const response = new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    },
  });
  return context.applyCookies(response);
});
const server = serve(
  {
    fetch: app.fetch,
    port,
    hostname: host,
  },
  () => {
    console.log(`Vue demo on http://${host}:${port} · Livepush: ${demo.describe}`);
  },
);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => {
    server.close();
    demo.close().finally(() => process.exit(0));
  });
