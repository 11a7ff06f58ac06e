import { readFile } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createLivepushAuth } from '@livepush/auth-core/server';
import { Hono } from 'hono';
import { demoLivepushFromEnv } from './index';

/** Where a demo's built front end is and what to call it in the console. */
export interface DemoServerOptions {
  name: string;
  /** The port when `PORT` is not set. */
  defaultPort: number;
  /** The `vite build` output (with `index.html` and `assets/`). */
  clientDir: string;
}

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The server of the React and Vue demos: the Livepush auth handler under /auth, the built front end
 * everywhere else, with the session summary (never a token) embedded in the page — refreshed first
 * when due — so the app renders signed in without a loading state. Configured from the environment
 * (see {@link demoLivepushFromEnv}); stops cleanly on SIGINT/SIGTERM.
 */
export async function serveDemo({ name, defaultPort, clientDir }: DemoServerOptions): Promise<void> {
  const port = Number(process.env.PORT ?? defaultPort);
  const host = process.env.HOST ?? '127.0.0.1';
  const demo = await demoLivepushFromEnv(port);
  const auth = createLivepushAuth(demo.options);
  const template = await readFile(`${clientDir}/index.html`, 'utf8');

  const app = new Hono();
  app.all(`${auth.basePath}/*`, (c) => auth.handler(c.req.raw));
  app.use('/assets/*', serveStatic({ root: clientDir }));
  app.get('*', async (c) => {
    const context = auth.requestContext(c.req.raw);
    // Unknown (e.g. the session store is down): no embedded session; the page asks and shows the error.
    const session = await context.getSession({ refresh: true }).then(
      (summary) => summary ?? { authenticated: false },
      () => undefined,
    );
    const html =
      session === undefined
        ? template
        : template.replace(
            '<!--livepush-session-->',
            `<script id="livepush-session" type="application/json">${scriptJson(session)}</script>`,
          );
    return context.applyCookies(
      new Response(html, {
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      }),
    );
  });

  const server = serve({ fetch: app.fetch, port, hostname: host }, () => {
    console.log(`${name} demo on http://${host}:${port} · Livepush: ${demo.describe}`);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close();
      void demo.close().finally(() => process.exit(0));
    });
  }
}
