import { type LivepushApi, type LivepushScope, missingScopes } from '@livepush/auth-core';
import type { GetSessionOptions, SessionSummary } from '@livepush/auth-core/server';
import { createError, type H3Event } from 'h3';
import { livepushOf } from './context';

/**
 * The session summary of this request (scopes, `expiresAt`, the user; never a token), or `null` when
 * signed out. Auto-imported in `server/`. With `{ refresh: true }` a due access token is refreshed
 * first; the new session cookie goes out with this response.
 *
 * @example
 * ```ts
 * // server/api/me.get.ts
 * export default defineEventHandler(async (event) => (await getLivepushSession(event))?.user ?? null);
 * ```
 */
export function getLivepushSession(
  event: H3Event,
  options?: GetSessionOptions,
): Promise<SessionSummary | null> {
  return livepushOf(event).getSession(options);
}

/**
 * The session of this request if it granted every one of `scopes`. Otherwise throws an h3 error that
 * Nitro answers as JSON: 401 with `data: { code: 'unauthenticated' }` when signed out, 403 with
 * `data: { code: 'missing_scopes', missing }` when scopes are missing (the page can then ask for them:
 * incremental consent). Auto-imported in `server/`.
 *
 * @example
 * ```ts
 * // server/api/streams.post.ts
 * export default defineEventHandler(async (event) => {
 *   await requireLivepushSession(event, 'streams.create');
 *   return useLivepushApi(event).streams.create(await readBody(event));
 * });
 * ```
 */
export async function requireLivepushSession(
  event: H3Event,
  ...scopes: LivepushScope[]
): Promise<SessionSummary> {
  const session = await livepushOf(event).getSession();
  if (!session) {
    throw createError({
      statusCode: 401,
      statusMessage: 'Unauthorized',
      message: 'Sign in with Livepush first.',
      data: { code: 'unauthenticated' },
    });
  }
  const missing = missingScopes(session.scopes, scopes);
  if (missing.length > 0) {
    throw createError({
      statusCode: 403,
      statusMessage: 'Forbidden',
      message: `The Livepush session lacks ${missing.join(', ')}: sign in again asking for ${missing.length > 1 ? 'them' : 'it'}.`,
      data: { code: 'missing_scopes', missing },
    });
  }
  return session;
}

/**
 * The typed Livepush API client acting as this request's user: a due token is refreshed first (once
 * per session, however many calls ask) and the refreshed session cookie goes out with this response.
 * Auto-imported in `server/`.
 *
 * @example
 * ```ts
 * // server/api/streams.get.ts
 * export default defineEventHandler((event) => useLivepushApi(event).streams.list());
 * ```
 */
export function useLivepushApi(event: H3Event): LivepushApi {
  return livepushOf(event).api;
}
