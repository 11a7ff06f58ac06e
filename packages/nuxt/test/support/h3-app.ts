// A real h3 app, served over HTTP on loopback the way Nitro's node-server serves one: the module's
// server middleware (event.context.livepush) and its `{basePath}/**` route, plus the routes a test adds.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLivepushAuth, type LivepushAuth, type LivepushAuthOptions } from '@livepush/auth-core/server';
import { type App, createApp, createRouter, defineEventHandler, type EventHandler, toNodeListener } from 'h3';
import { answerLivepushRoute, attachLivepush, provideLivepushAuth } from '../../src/runtime/server/context';

export interface ServedH3 {
  origin: string;
  auth: LivepushAuth;
  app: App;
  close(): Promise<void>;
}

/**
 * Serves an h3 app on a free port. `options(origin)` gives the core's options once the origin is known;
 * `routes` are the app's own handlers (e.g. `server/api` routes using the utilities).
 */
export async function serveH3(
  options: (origin: string) => LivepushAuthOptions,
  routes: Record<string, EventHandler>,
  { middleware = true }: { middleware?: boolean } = {},
): Promise<ServedH3> {
  const app = createApp();
  const server = createServer(toNodeListener(app));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = createLivepushAuth(options(origin));
  // What the module's instance does in Nitro: the utilities that need no request find the core here.
  provideLivepushAuth(() => auth);
  if (middleware) app.use(defineEventHandler((event) => void attachLivepush(event, auth)));
  const router = createRouter();
  router.use(
    `${auth.basePath}/**`,
    defineEventHandler((event) => answerLivepushRoute(event, auth)),
  );
  for (const [path, handler] of Object.entries(routes)) router.use(path, handler);
  app.use(router);
  return {
    origin,
    auth,
    app,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
