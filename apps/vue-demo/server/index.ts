// The demo's server: the Livepush auth handler under /auth, the built front end everywhere else,
// with the session summary (never a token) embedded in the page so it renders without a loading state.
// Configuration (real Livepush or the mock) comes from the environment: see demoLivepushFromEnv.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createLivepushAuth } from '@livepush/auth-core/server';
import { demoLivepushFromEnv } from '@livepush/demo-shared';
import { Hono } from 'hono';

const port = Number(process.env.PORT ?? 5174);
const host = process.env.HOST ?? '127.0.0.1';
/** The `vite build` output, beside this file once bundled into `dist/server/`. */
const client = fileURLToPath(new URL('../client', import.meta.url));

const demo = await demoLivepushFromEnv(port);
const auth = createLivepushAuth(demo.options);
const template = await readFile(`${client}/index.html`, 'utf8');

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const app = new Hono();
app.all('/auth/*', (c) => auth.handler(c.req.raw));
app.use('/assets/*', serveStatic({ root: client }));
app.get('*', async (c) => {
  // The same answer the page would get from GET /auth/session (a due token is refreshed first).
  const sessionUrl = new URL(`${auth.basePath}/session`, c.req.url);
  const answer = await auth.handler(new Request(sessionUrl, { headers: c.req.raw.headers }));
  // Without an answer (e.g. the session store is down) the page asks itself and shows the error.
  const session: unknown = answer.ok ? await answer.json() : undefined;
  const html = session
    ? template.replace(
        '<!--livepush-session-->',
        `<script id="livepush-session" type="application/json">${scriptJson(session)}</script>`,
      )
    : template;
  const response = new Response(html, {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
  for (const cookie of answer.headers.getSetCookie()) response.headers.append('set-cookie', cookie);
  return response;
});

const server = serve({ fetch: app.fetch, port, hostname: host }, () => {
  console.log(`Vue demo on http://${host}:${port} · Livepush: ${demo.describe}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void demo.close().finally(() => process.exit(0));
  });
}
