import { type LivepushApi, type LivepushScope, missingScopes } from '@livepush/auth-core';
import type {
  GetSessionOptions,
  LivepushSessionInfo,
  SessionSummary,
  UpdateSessionOptions,
} from '@livepush/auth-core/server';
import { createError, type H3Event } from 'h3';
import { livepushInstance, livepushOf } from './context';

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

/**
 * Replaces your app's `data` in this request's session (a small JSON object, visible to the browser:
 * no secrets) and resolves the session as it is now; the session cookie goes out with this response.
 * Type `data` once with `declare module '@livepush/auth-core' { interface LivepushSessionData { … } }`.
 * Auto-imported in `server/`.
 *
 * @example
 * ```ts
 * // server/api/role.post.ts
 * export default defineEventHandler((event) => updateLivepushSession(event, { data: { role: 'admin' } }));
 * ```
 * @throws {LivepushAuthError} `unauthenticated` without a session; `invalid_request` for `data` that is
 *   not a JSON object (or too large for a cookie session).
 */
export function updateLivepushSession(
  event: H3Event,
  options: UpdateSessionOptions,
): Promise<SessionSummary> {
  return livepushOf(event).updateSession(options);
}

/**
 * Re-reads the Livepush profile (`GET /account/this`) into this request's session and resolves the
 * session as it is now; the session cookie goes out with this response. Auto-imported in `server/`.
 * @throws {LivepushAuthError} `unauthenticated` without a session; a transient code when Livepush could
 *   not be reached (the old profile is kept).
 */
export function refreshLivepushProfile(event: H3Event): Promise<SessionSummary> {
  return livepushOf(event).refreshProfile();
}

/**
 * Ends every session of the Livepush user `userId` (e.g. a banned user), in every browser: each ends on
 * its next request. Resolves how many ended. Needs a session `store` (see `configureLivepushServer`).
 * Auto-imported in `server/`.
 *
 * @example
 * ```ts
 * const session = await requireLivepushSession(event);
 * await signOutLivepushUser(session.userId!);
 * ```
 * @throws {LivepushAuthError} `invalid_config` without a store that can do it; `store_unavailable`.
 */
export function signOutLivepushUser(userId: string): Promise<number> {
  return livepushInstance().signOutUser(userId);
}

/**
 * The live sessions of the Livepush user `userId` (created, last used, expiry, user agent; never a
 * token), oldest first. Needs a session `store` (see `configureLivepushServer`). Auto-imported in `server/`.
 * @throws {LivepushAuthError} `invalid_config` without a store that can do it; `store_unavailable`.
 */
export function listLivepushSessions(userId: string): Promise<LivepushSessionInfo[]> {
  return livepushInstance().listSessions(userId);
}
