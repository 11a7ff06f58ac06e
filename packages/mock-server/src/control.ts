import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { MockState } from './state';
import type { MockFault } from './types';

const KINDS = new Set(['status', 'delay', 'malformed_json', 'html', 'empty', 'drop', 'oauth_error']);
const TARGETS = new Set(['token', 'api', 'authorize']);

function isFault(value: unknown): value is MockFault {
  if (typeof value !== 'object' || value === null) return false;
  const fault = value as Record<string, unknown>;
  return TARGETS.has(fault.on as string) && KINDS.has(fault.kind as string);
}

/**
 * The control routes under `/__mock/`, for tests that drive the mock from another process (a
 * browser test against a demo that embeds it): read counters and the tokens issued (to scan for
 * leaks), inject faults, switch consent, revoke tokens, reset. Loopback only, like the mock itself.
 */
export function controlRoutes(state: MockState): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.get('/stats', (c) => c.json(state.stats));
  app.get('/tokens', (c) => c.json(state.tokens.issued()));
  app.post('/faults', async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    const faults = Array.isArray(body) ? body : [body];
    if (!faults.every(isFault))
      return c.json({ message: 'Body must be a MockFault or an array of them.' }, 400);
    state.faults.add(faults);
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
