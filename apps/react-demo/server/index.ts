// The demo's server: the Livepush auth handler under /auth, the built front end everywhere else, with
// the session summary (never a token) embedded in the page so the app renders without a loading state.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createLivepushAuth } from '@livepush/auth-core/server';
import { demoLivepushFromEnv } from '@livepush/demo-shared';
import { Hono } from 'hono';

const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';
/** The `vite build` output, next to `dist-server/` where this file is bundled. */
const client = fileURLToPath(new URL('../dist', import.meta.url));

const demo = await demoLivepushFromEnv(port);
const auth = createLivepushAuth(demo.options);
const template = await readFile(`${client}/index.html`, 'utf8');

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const app = new Hono();
app.all('/auth/*', (c) => auth.handler(c.req.raw));
app.use('/assets/*', serveStatic({ root: client }));
app.get('*', async (c) => {
  // Refresh a due token first, so the embedded expiry is current; forRequest() collects the cookies
  // to write back. No session (or a transient failure) is fine here: getSession() says what there is.
  const context = auth.forRequest(c.req.raw);
  await context.getAccessToken().catch(() => {});
  const session = await context.getSession().catch(() => null);
  const html = template.replace(
    '<!--livepush-session-->',
    `<script id="livepush-session" type="application/json">${scriptJson(session ?? { authenticated: false })}</script>`,
  );
  return context.applyCookies(
    new Response(html, {
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    }),
  );
});

const server = serve({ fetch: app.fetch, port, hostname: host }, () => {
  console.log(`React demo on http://${host}:${port} · Livepush: ${demo.describe}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void demo.close().finally(() => process.exit(0));
  });
}
