// Real servers on port 0 — node:http, Express 5, Express 4 and Fastify — each serving the Livepush Auth
// routes through toNodeHandler(auth), against the mock Livepush over loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockLivepush } from '@livepush/mock-server';
import { authOptions, LATER_SCOPES } from '@livepush/test-support';
import express from 'express';
import express4 from 'express4';
import Fastify from 'fastify';
import { type NodeHandlerOptions, toNodeHandler } from '../../src/node/index';
import { createLivepushAuth, type LivepushAuth, type LivepushAuthOptions } from '../../src/server/index';

/** A running app: its origin, the auth instance it serves, the errors Express handed to its handler. */
export interface NodeApp {
  origin: string;
  auth: LivepushAuth;
  /** Errors toNodeHandler passed to `next(error)` (Express only). */
  nextErrors: unknown[];
  close(): Promise<void>;
}

/** What a test may change: a body parser before the handler (Express), the handler's and the core's options. */
export interface StartOptions {
  bodyParser?: boolean;
  node?: NodeHandlerOptions;
  auth?: Partial<LivepushAuthOptions>;
}

/** How one kind of server is built around the auth routes; `other` answers a path outside basePath. */
export interface ServerKind {
  name: string;
  /** Whether paths outside basePath reach the framework's own routes (`next()`), not a 404 from the core. */
  fallsThrough: boolean;
  start(mock: MockLivepush, options?: StartOptions): Promise<NodeApp>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closing(server: Server): () => Promise<void> {
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** Any Node request listener on a free loopback port, e.g. an Express app a test builds itself. */
export async function serveListener(
  listener: Parameters<typeof createServer>[1] & object,
): Promise<{ origin: string; port: number; close(): Promise<void> }> {
  const server = createServer(listener);
  const origin = await listen(server);
  return { origin, port: Number(new URL(origin).port), close: closing(server) };
}

/**
 * The auth instance of an app on `origin`: the mock's client, `streams.create` asked for later. The
 * origin is known once the server listens, so the handler is created lazily (on the first request).
 */
function lazyAuth(mock: MockLivepush, origin: () => string, options: StartOptions) {
  let auth: LivepushAuth | undefined;
  return () =>
    (auth ??= createLivepushAuth({ ...authOptions(mock, origin()), ...LATER_SCOPES, ...options.auth }));
}

const nodeHttp: ServerKind = {
  name: 'node:http',
  fallsThrough: false,
  async start(mock, options = {}) {
    let origin = '';
    const auth = lazyAuth(mock, () => origin, options);
    let handler: ReturnType<typeof toNodeHandler> | undefined;
    const server = createServer((req, res) => {
      handler ??= toNodeHandler(auth(), options.node);
      void handler(req, res);
    });
    origin = await listen(server);
    return { origin, auth: auth(), nextErrors: [], close: closing(server) };
  },
};

/** Express 5 or 4: the auth routes mounted at /auth, a route of the app's own, an error handler. */
function expressKind(name: string, create: typeof express): ServerKind {
  return {
    name,
    fallsThrough: true,
    async start(mock, options = {}) {
      let origin = '';
      const auth = lazyAuth(mock, () => origin, options);
      const nextErrors: unknown[] = [];
      const app = create();
      // With bodyParser: the order the README warns about (a parser first), which must still work.
      if (options.bodyParser) app.use(create.json(), create.urlencoded({ extended: false }));
      let handler: ReturnType<typeof toNodeHandler> | undefined;
      app.use('/auth', (req, res, next) => {
        handler ??= toNodeHandler(auth(), options.node);
        return handler(req, res, next);
      });
      app.get('/hello', (_req, res) => {
        res.type('text').send('hello from the app');
      });
      app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        nextErrors.push(error);
        res.status(500).type('text').send('app error handler');
      });
      const server = createServer(app);
      origin = await listen(server);
      return { origin, auth: auth(), nextErrors, close: closing(server) };
    },
  };
}

const fastify: ServerKind = {
  name: 'Fastify',
  fallsThrough: true,
  async start(mock, options = {}) {
    let origin = '';
    const auth = lazyAuth(mock, () => origin, options);
    const app = Fastify();
    // The documented registration: a plugin whose requests Fastify does not parse, so toNodeHandler
    // streams the body; `reply.hijack()` hands the raw response over.
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      let handler: ReturnType<typeof toNodeHandler> | undefined;
      scope.all('/auth/*', async (request, reply) => {
        reply.hijack();
        handler ??= toNodeHandler(auth(), options.node);
        await handler(request.raw, reply.raw);
      });
    });
    app.get('/hello', async () => 'hello from the app');
    origin = await app.listen({ port: 0, host: '127.0.0.1' });
    return { origin, auth: auth(), nextErrors: [], close: () => app.close() };
  },
};

/** Every kind of Node server the README shows. */
export const SERVER_KINDS: readonly ServerKind[] = [
  nodeHttp,
  expressKind('Express 5', express),
  expressKind('Express 4', express4 as unknown as typeof express),
  fastify,
];
