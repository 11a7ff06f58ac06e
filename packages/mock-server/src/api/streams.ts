import { Hono } from 'hono';
import { renderCreatedStream, renderStream, type StreamCategory } from '../data';
import type { MockState } from '../state';
import { type ApiEnv, apiError, missingScope } from './bearer';

const CATEGORIES: readonly StreamCategory[] = ['simulcast', 'schedule'];

type CreateInput = { ok: true; name: string; category: StreamCategory } | { ok: false; message: string };

/** Validates the body of `POST /streams`. */
function parseCreate(raw: string): CreateInput {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'Invalid request: the body must be JSON.' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'Invalid request: the body must be a JSON object.' };
  }
  const { name, category } = body as { name?: unknown; category?: unknown };
  if (typeof name !== 'string' || name.trim() === '') {
    return { ok: false, message: 'Invalid request: name must be a non-empty string.' };
  }
  if (typeof category !== 'string' || !CATEGORIES.includes(category as StreamCategory)) {
    return { ok: false, message: 'Invalid request: category must be "simulcast" or "schedule".' };
  }
  return { ok: true, name: name.trim(), category: category as StreamCategory };
}

/** The streams API slice (`octopus`), mounted under `/octopus`. */
export function streamsRoutes(state: MockState): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  // Static paths first: `/streams/:id` would otherwise swallow them.
  app.get('/streams/mine', (c) => {
    const denied = missingScope(c, 'streams.read');
    if (denied) return denied;
    return c.json(state.data.forUser(c.var.token.grant.userId).streams.map(renderStream));
  });

  app.get('/streams/me/destinations', (c) => {
    const denied = missingScope(c, 'streams.destinations.read');
    if (denied) return denied;
    return c.json(state.data.forUser(c.var.token.grant.userId).destinations);
  });

  app.get('/streams/:id', (c) => {
    const denied = missingScope(c, 'streams.read');
    if (denied) return denied;
    const id = c.req.param('id');
    const found = state.data.forUser(c.var.token.grant.userId).streams.find((stream) => stream.id === id);
    if (found === undefined) return apiError(404, `Stream ${id} not found.`);
    return c.json(renderStream(found));
  });

  app.post('/streams', async (c) => {
    const denied = missingScope(c, 'streams.create');
    if (denied) return denied;
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      return apiError(400, 'Invalid request: send a JSON body with Content-Type: application/json.');
    }
    const input = parseCreate(await c.req.text());
    if (!input.ok) return apiError(400, input.message);
    const created = state.data.createStream(
      c.var.token.grant.userId,
      { name: input.name, category: input.category },
      state.isoNow(),
    );
    return c.json(renderCreatedStream(created), 201);
  });

  return app;
}
