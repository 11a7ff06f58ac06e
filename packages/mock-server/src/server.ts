import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { accountsRoutes } from './api/accounts';
import { apiError, requireBearer } from './api/bearer';
import { streamsRoutes } from './api/streams';
import { vodRoutes } from './api/vod';
import { avatarSvg } from './avatar';
import { controlRoutes } from './control';
import { mockEndpoints } from './endpoints';
import { API_PREFIXES, applyFault, targetOf } from './faults';
import { faviconIco } from './favicon';
import { authorizeRoutes } from './oauth/authorize';
import { tokenRoutes } from './oauth/token';
import { isMockScope, type MockScope } from './scopes';
import { MockState } from './state';
import type { MockLivepush, MockLivepushOptions, MockTokenResponse } from './types';

/** Builds the Hono app of one mock over its state. */
function createApp(
  state: MockState,
  logger: ((line: string) => void) | undefined,
  listenHost: string | undefined,
): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();

  if (logger !== undefined) {
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      // The path only: the documented token request carries the client secret in its query.
      logger(
        `${c.req.method} ${c.req.path} → ${c.res.status} (${Math.round(performance.now() - started)} ms)`,
      );
    });
  }

  // Counting comes before faults, so faulted requests are counted too.
  app.use(async (c, next) => {
    const target = targetOf(c.req.path);
    if (target === 'token') state.stats.tokenRequests += 1;
    if (target === 'api') state.stats.apiRequests += 1;
    if (target === 'authorize' && c.req.method === 'GET' && c.req.path === '/oauth2/authorize') {
      state.stats.authorizeRequests += 1;
    }
    if (target === 'other') return next();
    const fault = state.faults.take(target);
    if (fault === undefined) return next();
    state.stats.faultsInjected += 1;
    const response = await applyFault(c, fault, state.faults);
    if (response !== undefined) return response;
    return next();
  });

  app.route('/', authorizeRoutes(state));
  app.route('/', tokenRoutes(state));

  const bearer = requireBearer(state);
  for (const prefix of API_PREFIXES) app.use(`${prefix}/*`, bearer);
  app.route('/squid', accountsRoutes(state));
  app.route('/octopus', streamsRoutes(state));
  app.route('/vod', vodRoutes());
  for (const prefix of API_PREFIXES) app.all(`${prefix}/*`, () => apiError(404, 'Not found'));

  app.route('/__mock', controlRoutes(state, listenHost));

  app.get('/avatars/:file', (c) => {
    const user = state.user;
    if (c.req.param('file') !== `${user.id}.svg`) return c.text('Not found', 404);
    return c.body(avatarSvg(user.name), 200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=3600',
    });
  });

  app.get('/favicon.ico', (c) =>
    c.body(faviconIco(), 200, { 'content-type': 'image/x-icon', 'cache-control': 'public, max-age=86400' }),
  );

  app.get('/', (c) => c.json({ name: 'Livepush mock server', endpoints: mockEndpoints(state.url) }));

  app.notFound((c) => c.text('Not found', 404));
  app.onError((error, c) => {
    logger?.(
      `error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return c.json({ message: 'Internal mock server error' }, 500);
  });
  return app;
}

function formatUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts a local Livepush (OAuth 2.0 server and a slice of the REST API) on loopback.
 *
 * @example
 * ```ts
 * const mock = await startMockLivepush({ consent: 'approve' });
 * const auth = createLivepushAuth({ ...config, endpoints: mock.endpoints });
 * // …
 * await mock.close();
 * ```
 */
export async function startMockLivepush(options: MockLivepushOptions = {}): Promise<MockLivepush> {
  const state = new MockState(options);
  const app = createApp(state, options.logger, options.host);
  const server = createServer(getRequestListener(app.fetch, { overrideGlobalObjects: false }));
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const url = formatUrl(address);
  state.url = url;
  let closing: Promise<void> | undefined;

  return {
    url,
    endpoints: mockEndpoints(url),
    stats: () => ({ ...state.stats }),
    setFaults: (...faults) => state.faults.add(faults),
    clearFaults: () => state.faults.clear(),
    setConsent: (mode) => {
      if (mode !== 'prompt' && mode !== 'approve' && mode !== 'deny')
        throw new RangeError(`Unknown consent mode: ${mode}`);
      state.consent = mode;
    },
    issueTokens: (input): MockTokenResponse => {
      const client = input.clientId === undefined ? state.firstClient : state.clients.get(input.clientId);
      if (client === undefined) throw new Error(`Unknown mock client: ${input.clientId}`);
      const unknown = input.scopes.filter((scope) => !isMockScope(scope));
      if (unknown.length > 0) throw new Error(`Unknown Livepush scope: ${unknown.join(', ')}`);
      const ttl = input.accessTokenTtlSeconds ?? state.accessTokenTtlSeconds;
      if (!Number.isInteger(ttl) || ttl <= 0)
        throw new RangeError(`accessTokenTtlSeconds must be a positive integer`);
      const scopes = [...new Set(input.scopes)] as MockScope[];
      const grant = state.tokens.createGrant({
        userId: state.user.id,
        clientId: client.clientId,
        scopes,
        accessTokenTtlSeconds: ttl,
      });
      return state.tokens.issue(grant, scopes);
    },
    setUser: (changes) => state.updateUser(changes),
    revokeAllTokens: () => state.tokens.revokeAll(),
    issuedTokens: () => state.tokens.issued(),
    reset: () => state.reset(),
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        state.faults.cancelTimers();
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
      return closing;
    },
  };
}
