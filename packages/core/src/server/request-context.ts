import { createLivepushApi, type LivepushApi } from '../api/client';
import { isLivepushAuthError, LivepushAuthError } from '../errors';
import type { SessionSummary } from '../session-payload';
import { isExpired } from '../tokens/expiry';
import type { ServerCore } from './config';
import { parseCookies } from './cookies';
import { withCookies } from './responses';
import type { LoadedSession } from './sessions';
import type { LivepushRequestContext } from './types';

/** A request's session state plus what the routes need beyond the public context. @internal */
export interface RequestState extends LivepushRequestContext {
  readonly request: Request;
  readonly url: URL;
  readonly cookies: Map<string, string>;
  /** The session as stored (memoised). */
  load(): Promise<LoadedSession | null>;
  /** The session with a usable access token: refreshed first when due (or when `force`). */
  fresh(force?: boolean): Promise<LoadedSession>;
  /** Replaces the session (sign-in); returns nothing, records the cookies. */
  replace(session: LoadedSession | null, setCookies: string[]): void;
  /** Clears the session and records the cookies that remove it. */
  clear(): Promise<void>;
  /** Records extra Set-Cookie values (e.g. the transaction cookie). */
  addCookies(setCookies: readonly string[]): void;
}

/** The summary the browser may see: never a token. */
export function toSummary(session: LoadedSession): SessionSummary {
  const { tokens, user } = session.record;
  return { authenticated: true, scopes: [...tokens.scopes], expiresAt: tokens.expiresAt, user };
}

function sessionOver(cause: unknown): LivepushAuthError {
  return new LivepushAuthError(
    'unauthenticated',
    'The Livepush session has ended (the refresh token was rejected); sign in again.',
    {
      cause,
    },
  );
}

/** Creates the per-request state; nothing is read until asked for. */
export function createRequestState(core: ServerCore, request: Request, parsedUrl?: URL): RequestState {
  let cookies: Map<string, string> | undefined;
  let url: URL | undefined = parsedUrl;
  let loaded: Promise<LoadedSession | null> | undefined;
  let sessionCookies: string[] = [];
  const extraCookies: string[] = [];
  let api: LivepushApi | undefined;

  const isDue = (session: LoadedSession) =>
    isExpired(session.record.tokens, { now: core.client.now(), leewaySeconds: core.leewaySeconds });

  async function refreshNow(session: LoadedSession): Promise<LoadedSession> {
    let tokens: typeof session.record.tokens;
    try {
      tokens = await core.refresher.refresh(session.record.tokens);
    } catch (error) {
      if (
        !isLivepushAuthError(error) ||
        (error.code !== 'invalid_grant' && error.code !== 'unauthenticated')
      ) {
        throw error;
      }
      const outcome = await core.sessions.ended(state.cookies, session);
      loaded = Promise.resolve(outcome.session);
      if (outcome.session) return outcome.session; // another instance refreshed: its tokens are good
      sessionCookies = outcome.setCookies;
      await core.emit({ type: 'signOut', session: null });
      throw sessionOver(error);
    }
    const result = await core.sessions.refreshed(state.cookies, session, tokens);
    sessionCookies = result.setCookies;
    loaded = Promise.resolve(result.session);
    if (!result.session) throw sessionOver(undefined);
    await core.emit({ type: 'refresh', session: toSummary(result.session) });
    return result.session;
  }

  const state: RequestState = {
    request,
    get url() {
      url ??= new URL(request.url);
      return url;
    },
    get cookies() {
      cookies ??= parseCookies(request.headers.get('cookie'));
      return cookies;
    },
    get setCookies() {
      return [...extraCookies, ...sessionCookies];
    },

    load() {
      loaded ??= core.sessions.read(state.cookies).then((session) => {
        // A session cookie we cannot use is cleared, so the browser stops sending it.
        if (session === null) sessionCookies = core.sessions.stale(state.cookies);
        return session;
      });
      return loaded;
    },

    async fresh(force = false) {
      const session = await state.load();
      if (!session)
        throw new LivepushAuthError('unauthenticated', 'There is no Livepush session; sign in first.');
      if (!force && !isDue(session)) return session;
      return core.sessions.withRefreshLock(session, async (latest) => {
        if (!latest) {
          await state.clear();
          throw sessionOver(undefined);
        }
        // Another instance (or request) may have refreshed while we waited for the lock.
        const refreshedMeanwhile = latest.record.tokens.accessToken !== session.record.tokens.accessToken;
        if (refreshedMeanwhile && !isDue(latest)) {
          loaded = Promise.resolve(latest);
          return latest;
        }
        return refreshNow(latest);
      });
    },

    replace(session, setCookies) {
      loaded = Promise.resolve(session);
      sessionCookies = setCookies;
    },

    async clear() {
      // A store that cannot be reached fails the clear: a logout must not pretend to have worked.
      const session = await state.load();
      sessionCookies = await core.sessions.clear(state.cookies, session);
      loaded = Promise.resolve(null);
    },

    addCookies(setCookies) {
      extraCookies.push(...setCookies);
    },

    async getSession(options = {}) {
      if (!options.refresh) {
        const session = await state.load();
        return session ? toSummary(session) : null;
      }
      try {
        return toSummary(await state.fresh());
      } catch (error) {
        if (!isLivepushAuthError(error) || error.code === 'store_unavailable') throw error;
        if (error.code === 'unauthenticated') return null;
        // Transient: the session is kept and shown as it is.
        core.report(error, 'session');
        const kept = await state.load();
        return kept ? toSummary(kept) : null;
      }
    },

    async getAccessToken() {
      return (await state.fresh()).record.tokens.accessToken;
    },

    get api() {
      api ??= createLivepushApi({
        getAccessToken: () => state.getAccessToken(),
        refreshAccessToken: async () => (await state.fresh(true)).record.tokens.accessToken,
        getScopes: async () => (await state.load())?.record.tokens.scopes ?? [],
        endpoints: core.client.endpoints,
        fetch: core.client.fetch,
        timeoutMs: core.client.timeoutMs,
      });
      return api;
    },

    applyCookies(response) {
      return withCookies(response, state.setCookies);
    },
  };
  return state;
}
