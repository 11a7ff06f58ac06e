import type { HttpBindings } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import type { MockState } from './state';
import type { MockFault, MockUser } from './types';

const KINDS = new Set(['status', 'delay', 'malformed_json', 'html', 'empty', 'drop', 'oauth_error', 'echo']);
const TARGETS = new Set(['token', 'api', 'authorize']);

function isFault(value: unknown): value is MockFault {
  if (typeof value !== 'object' || value === null) return false;
  const fault = value as Record<string, unknown>;
  return TARGETS.has(fault.on as string) && KINDS.has(fault.kind as string);
}

/** `localhost` and its subdomains (RFC 6761), `127.0.0.0/8` and `[::1]`: names only this machine answers to. */
function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(name)
  );
}

/** The host name of a `Host` header (`name`, `name:port`, `[v6]:port`), or `null` when it is not one. */
function hostnameOf(host: string | undefined): string | null {
  if (!host || /[/@?#\\\s]/.test(host)) return null;
  try {
    return new URL(`http://${host}/`).hostname || null;
  } catch {
    return null;
  }
}

function refuse(reason: string): Response {
  return new Response(JSON.stringify({ message: `Control route refused: ${reason}` }), {
    status: 403,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

/**
 * Who may drive the mock: a test or a script on this machine, never a web page. A page could reach
 * the mock on loopback in two ways, and both are closed here:
 * - DNS rebinding: its own name pointed at 127.0.0.1, so the request carries that name in `Host`.
 *   Only loopback names (and the name the mock was told to listen on) are answered.
 * - A cross-site request: refused when the browser says so (`Sec-Fetch-Site` other than
 *   `same-origin` or `none`, an `Origin` of another site), and every POST must be
 *   `application/json`, which no form and no `no-cors` fetch can send without a preflight the mock
 *   never grants.
 */
function localCallersOnly(listenHost: string | undefined): MiddlewareHandler<{ Bindings: HttpBindings }> {
  const extra = listenHost && !['0.0.0.0', '::', '[::]'].includes(listenHost) ? hostnameOf(listenHost) : null;
  return async (c, next) => {
    const hostname = hostnameOf(c.req.header('host'));
    if (hostname === null || !(isLoopbackName(hostname) || hostname === extra))
      return refuse(`the Host header must name this machine (localhost, 127.0.0.1, [::1]).`);
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      return refuse(`cross-site requests are not accepted (Sec-Fetch-Site: ${site.slice(0, 20)}).`);
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== new URL(c.req.url).origin)
      return refuse('requests from another origin are not accepted.');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type))
        return refuse('send POST requests with Content-Type: application/json.');
    }
    await next();
  };
}

/**
 * The control routes under `/__mock/`, for tests that drive the mock from another process (a
 * browser test against a demo that embeds it): read counters and the tokens issued (to scan for
 * leaks), inject faults, switch consent, change the user (e.g. disable the account), revoke tokens, reset. Local callers only: requests whose
 * `Host` is not a loopback name (DNS rebinding), cross-site requests and POSTs that are not
 * `application/json` get 403.
 */
export function controlRoutes(state: MockState, listenHost?: string): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.use(localCallersOnly(listenHost));
  app.get('/stats', (c) => c.json(state.stats));
  app.get('/tokens', (c) => c.json(state.tokens.issued()));
  app.post('/faults', async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    const faults = Array.isArray(body) ? body : [body];
    if (!faults.every(isFault))
      return c.json({ message: 'Body must be a MockFault or an array of them.' }, 400);
    try {
      state.faults.add(faults);
    } catch (error) {
      return c.json({ message: error instanceof Error ? error.message : 'Invalid fault.' }, 400);
    }
    return c.body(null, 204);
  });
  app.post('/consent', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { mode?: unknown } | null;
    const mode = body?.mode;
    if (mode !== 'prompt' && mode !== 'approve' && mode !== 'deny') {
      return c.json({ message: 'Body must be { "mode": "prompt" | "approve" | "deny" }.' }, 400);
    }
    state.consent = mode;
    return c.body(null, 204);
  });
  app.post('/user', async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return c.json({ message: 'Body must be an object of user fields, e.g. { "isDisabled": true }.' }, 400);
    try {
      state.updateUser(body as Partial<MockUser>);
    } catch (error) {
      return c.json({ message: (error as Error).message }, 400);
    }
    return c.json(state.user);
  });
  app.post('/revoke', (c) => {
    state.tokens.revokeAll();
    return c.body(null, 204);
  });
  app.post('/reset', (c) => {
    state.reset();
    return c.body(null, 204);
  });
  return app;
}
