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

/** The user's own stream with that id (another user's stream is as good as missing). */
function ownStream(state: MockState, userId: string, id: string) {
  return state.data.forUser(userId).streams.find((stream) => stream.id === id);
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

  app.get('/streams/me/recordings', (c) => {
    const denied = missingScope(c, 'streams.videos.read');
    if (denied) return denied;
    return c.json(state.data.forUser(c.var.token.grant.userId).recordings);
  });

  app.put('/streams/:id/config/scheduler/playlist', async (c) => {
    const denied = missingScope(c, 'streams.write');
    if (denied) return denied;
    const found = ownStream(state, c.var.token.grant.userId, c.req.param('id'));
    if (found === undefined) return apiError(404, `Stream ${c.req.param('id')} not found.`);
    const body = (await c.req.json().catch(() => null)) as { videos?: unknown } | null;
    const videos = body?.videos;
    if (!Array.isArray(videos) || !videos.every((v) => typeof v === 'string')) {
      return apiError(400, 'Invalid request: videos must be an array of strings.');
    }
    found.config = { ...found.config, scheduler: { playlist: videos } };
    return c.json(renderStream(found));
  });

  for (const action of ['enable', 'disable'] as const) {
    app.put(`/streams/:id/destinations/:destinationId/${action}`, (c) => {
      const denied = missingScope(c, 'streams.destinations.write');
      if (denied) return denied;
      const userId = c.var.token.grant.userId;
      const found = ownStream(state, userId, c.req.param('id'));
      if (found === undefined) return apiError(404, `Stream ${c.req.param('id')} not found.`);
      const destinationId = c.req.param('destinationId');
      if (!state.data.forUser(userId).destinations.some((d) => d.id === destinationId)) {
        return apiError(404, `Destination ${destinationId} not found.`);
      }
      const existing = found.destinations.find((d) => d.id === destinationId);
      if (existing) existing.isEnabled = action === 'enable';
      else found.destinations.push({ id: destinationId, isEnabled: action === 'enable' });
      return c.json(renderStream(found));
    });
  }

  app.get('/streams/:id', (c) => {
    const denied = missingScope(c, 'streams.read');
    if (denied) return denied;
    const id = c.req.param('id');
    const found = ownStream(state, c.var.token.grant.userId, id);
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
