import { type ApiSession, singleFlightRefresh } from '../api/call';
import type { LivepushApi } from '../api/client';
import { bindApi } from '../api/client';
import { isLivepushAuthError, LivepushAuthError } from '../errors';
import { parseScopes } from '../scopes';
import type { LivepushSessionData } from '../session-data';
import type { SessionSummary } from '../session-payload';
import { signInUrl } from '../sign-in-url';
import { refreshDueAt } from '../tokens/expiry';
import type { ServerCore } from './config';
import { type LivepushCookie, parseCookies, serializeCookie } from './cookies';
import { loadProfile, profileUserId } from './profile';
import { refusal } from './request-policy';
import { withCookies } from './responses';
import { safeReturnTo } from './return-to';
import { endTransactions } from './routes/transaction';
import { checkSessionData } from './session-data';
import { type SessionRecord, userIdOf } from './session-record';
import type { LoadedSession } from './sessions';
import type { LivepushRequestContext, RequestContextOptions } from './types';

/**
 * The longest `refreshIn` the browser store is told: a day. It is a browser timer's delay, and timers
 * cannot wait longer than 2^31 ms (~24.8 days); a longer-lived token is simply asked about again.
 */
const MAX_REFRESH_IN_SECONDS = 86_400;

/** The methods `signOut()` runs in: any unsafe one (a form post, a `fetch` POST or DELETE). */
const SIGN_OUT_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** One request's context plus what the routes need beyond the public one. @internal */
export interface RequestContext extends LivepushRequestContext {
  readonly request: Request;
  readonly url: URL;
  /** The cookies the request carried. */
  readonly requestCookies: ReadonlyMap<string, string>;
  /** Who the API layer acts for: this request's session. */
  readonly apiSession: ApiSession;
  /** The session as stored (memoised); unusable session cookies are cleared. */
  readSession(): Promise<LoadedSession | null>;
  /** The session with a usable access token: refreshed first when due. */
  freshSession(): Promise<LoadedSession>;
  /** The session after refreshing its tokens now (after Livepush refused the access token). */
  refreshSession(): Promise<LoadedSession>;
  /** Adopts a new session (sign-in) and records the cookies that store it. */
  startSession(session: LoadedSession, cookies: readonly LivepushCookie[]): void;
  /** Ends the session (store record included) and records the cookies that remove it. */
  clearSession(): Promise<void>;
  /** Records cookies the response must set. */
  addCookies(cookies: readonly LivepushCookie[]): void;
}

/** The summary the browser may see: never a token. `refreshIn` for the browser (not for events). */
export function toSummary(session: LoadedSession, refreshIn?: number): SessionSummary {
  const { record } = session;
  const { tokens, user } = record;
  const scopes = [...tokens.scopes];
  const userId = userIdOf(record);
  // A copy: a caller changing the summary's data does not change the session. Its shape is the app's
  // declaration (onSignIn and updateSession take that type), so the record's JSON object is one.
  const data = (record.data === undefined ? {} : structuredClone(record.data)) as LivepushSessionData;
  return refreshIn === undefined
    ? { authenticated: true, scopes, expiresAt: tokens.expiresAt, user, userId, data }
    : { authenticated: true, scopes, expiresAt: tokens.expiresAt, refreshIn, user, userId, data };
}

/**
 * How hard a caller wants the session fresh: `due` refreshes a token inside the leeway (API calls,
 * server code); `ahead` refreshes from twice the leeway (the session JSON and `getSession({ refresh })`,
 * so the one session request of a page refreshes before its API requests would); `force` refreshes
 * now (Livepush refused the access token).
 */
type Freshness = 'due' | 'ahead' | 'force';

function sessionOver(cause: unknown): LivepushAuthError {
  return new LivepushAuthError(
    'unauthenticated',
    'The Livepush session has ended (the refresh token was rejected); sign in again.',
    { cause },
  );
}

function noSession(): LivepushAuthError {
  return new LivepushAuthError('unauthenticated', 'There is no Livepush session; sign in first.');
}

/** Creates the context of `request`; nothing is read until asked for. */
export function createRequestContext(
  core: ServerCore,
  request: Request,
  options: RequestContextOptions & { url?: URL } = {},
): RequestContext {
  let url: URL | undefined = options.url;
  let requestCookies: Map<string, string> | undefined;
  let loaded: Promise<LoadedSession | null> | undefined;
  let api: LivepushApi | undefined;
  /** What this response sets, one per name, in the order produced. */
  const set = new Map<string, LivepushCookie>();

  const dueAt = (session: LoadedSession, ahead = false) =>
    refreshDueAt(session.record.tokens, core.leewaySeconds, ahead);
  const isDue = (session: LoadedSession, ahead = false) => dueAt(session, ahead) <= core.client.now();
  /** The summary, plus when the browser store should ask again (see `SessionSummary.refreshIn`). */
  const summaryOf = (session: LoadedSession): SessionSummary => {
    const seconds = Math.ceil((dueAt(session, true) - core.client.now()) / 1000);
    return toSummary(session, Math.min(MAX_REFRESH_IN_SECONDS, Math.max(0, seconds)));
  };

  /** The cookies the browser will hold: the request's, as this response changes them. */
  function browserCookies(): ReadonlyMap<string, string> {
    if (set.size === 0) return context.requestCookies;
    const merged = new Map(context.requestCookies);
    for (const { name, value, options: attributes } of set.values()) {
      if (attributes.maxAge === 0) merged.delete(name);
      else merged.set(name, value);
    }
    return merged;
  }

  function record(cookies: readonly LivepushCookie[]): void {
    for (const cookie of cookies) {
      set.delete(cookie.name);
      set.set(cookie.name, cookie);
      if (!options.onCookie) continue;
      try {
        options.onCookie(cookie);
      } catch (error) {
        core.log.error('onCookie threw; the cookie stays in context.cookies', {
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    }
  }

  const adopt = (session: LoadedSession | null) => {
    loaded = Promise.resolve(session);
  };

  async function refreshNow(session: LoadedSession, forced: boolean): Promise<LoadedSession> {
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
      // An access token Livepush has not refused and that has not expired still works: most often
      // another instance won the refresh race and its answer carries the rotated tokens. Keep
      // serving it, write nothing; the session ends once it expires or Livepush refuses it.
      const keep = !forced && session.record.tokens.expiresAt > core.client.now();
      const outcome = await core.sessions.endRejected(browserCookies(), session, keep);
      adopt(outcome.session);
      if (outcome.session) {
        if (keep)
          core.log.debug('refresh refused; the access token is used until it expires', { code: error.code });
        return outcome.session; // still valid, or another instance refreshed: its tokens are good
      }
      record(outcome.cookies);
      // Livepush no longer honours the grant (revoked there, or the account ended): an audit event.
      const type = error.code === 'invalid_grant' ? 'revoked' : 'signOut';
      await core.emit({ type, session: null, userId: userIdOf(session.record) });
      throw sessionOver(error);
    }
    const result = await core.sessions.saveRefreshed(browserCookies(), session, tokens);
    record(result.cookies);
    adopt(result.session);
    if (!result.session) throw sessionOver(undefined);
    await core.emit({
      type: 'refresh',
      session: toSummary(result.session),
      userId: userIdOf(result.session.record),
    });
    return result.session;
  }

  /** The session, refreshed first as `freshness` asks (under the store's lock, if any). */
  async function fresh(freshness: Freshness): Promise<LoadedSession> {
    const session = await context.readSession();
    if (!session) throw noSession();
    const ahead = freshness === 'ahead';
    if (freshness !== 'force' && !isDue(session, ahead)) return session;
    return core.sessions.withRefreshLock(session, async (latest) => {
      if (!latest) {
        // Deleted meanwhile (logout, another sign-in): the cookie is left for the next read to clear.
        adopt(null);
        throw sessionOver(undefined);
      }
      // Another instance (or request) may have refreshed while we waited for the lock.
      const refreshedMeanwhile = latest.record.tokens.accessToken !== session.record.tokens.accessToken;
      if (refreshedMeanwhile && !isDue(latest, ahead)) {
        adopt(latest);
        return latest;
      }
      return refreshNow(latest, freshness === 'force');
    });
  }

  /**
   * Records that `session` is used now (at most once a minute: see `SessionManager.touch`). A store
   * that cannot be reached does not fail the request: the use is recorded next time.
   */
  async function touch(session: LoadedSession): Promise<LoadedSession | null> {
    try {
      const touched = await core.sessions.touch(browserCookies(), session, isDue(session, true));
      if (touched === null) return session;
      record(touched.cookies);
      return touched.session; // null: ended meanwhile (signOutUser, logout elsewhere)
    } catch (error) {
      core.log.debug('could not record the session as used; trying again on its next use', {
        code: isLivepushAuthError(error) ? error.code : 'unknown',
      });
      return session;
    }
  }

  /** Changes the session's record (atomically with a store) and records the cookies that persist it. */
  async function change(session: LoadedSession, edit: (record: SessionRecord) => SessionRecord) {
    const result = await core.sessions.change(browserCookies(), session, edit);
    record(result.cookies);
    adopt(result.session);
    if (!result.session) throw sessionOver(undefined);
    return summaryOf(result.session);
  }

  const apiSession: ApiSession = {
    // No session is `unauthenticated` before any scope is missing.
    async credentials() {
      const { tokens } = (await fresh('due')).record;
      return { accessToken: tokens.accessToken, scopes: tokens.scopes };
    },
    refresh: singleFlightRefresh(async () => (await fresh('force')).record.tokens.accessToken),
  };

  const context: RequestContext = {
    request,
    apiSession,
    get url() {
      url ??= new URL(request.url);
      return url;
    },
    get requestCookies() {
      requestCookies ??= parseCookies(request.headers.get('cookie'));
      return requestCookies;
    },
    get cookies() {
      return [...set.values()];
    },
    get setCookies() {
      return [...set.values()].map(serializeCookie);
    },

    readSession() {
      loaded ??= core.sessions.read(context.requestCookies).then((session) => {
        // A session cookie we cannot use is cleared, so the browser stops sending it; so are the
        // token cookies ended sessions left behind.
        const browser = browserCookies();
        record(session === null ? core.sessions.clearStale(browser) : core.sessions.strays(browser, session));
        return session === null ? null : touch(session);
      });
      return loaded;
    },
    freshSession: () => fresh('due'),
    refreshSession: () => fresh('force'),

    startSession(session, cookies) {
      adopt(session);
      record(cookies);
    },

    async clearSession() {
      // A store that cannot be reached fails the clear: a logout must not pretend to have worked.
      const session = await context.readSession();
      record(await core.sessions.clear(browserCookies(), session));
      adopt(null);
    },

    addCookies: record,

    async getSession(getOptions = {}) {
      if (!getOptions.refresh) {
        const session = await context.readSession();
        return session ? summaryOf(session) : null;
      }
      try {
        return summaryOf(await fresh('ahead'));
      } catch (error) {
        if (!isLivepushAuthError(error) || error.code === 'store_unavailable') throw error;
        if (error.code === 'unauthenticated') return null;
        // Transient: the session is kept and shown as it is.
        core.report(error, 'session');
        const kept = await context.readSession();
        return kept ? summaryOf(kept) : null;
      }
    },

    async getAccessToken() {
      return (await fresh('due')).record.tokens.accessToken;
    },

    async updateSession(update) {
      if (typeof update !== 'object' || update === null || !('data' in update))
        throw new LivepushAuthError(
          'invalid_request',
          'updateSession() takes { data }: the data to keep in the session.',
        );
      const data = checkSessionData(update.data, 'updateSession()');
      const session = await context.readSession();
      if (!session) throw noSession();
      return change(session, (current) => {
        const { data: _previous, ...rest } = current;
        return Object.keys(data).length === 0 ? rest : { ...rest, data };
      });
    },

    async refreshProfile() {
      const session = await fresh('due');
      const user = await loadProfile(core, session.record.tokens, request);
      return change(session, (current) => {
        const userId = current.userId ?? profileUserId(user) ?? undefined;
        return userId === undefined ? { ...current, user } : { ...current, user, userId };
      });
    },

    get api() {
      api ??= bindApi(core.api, apiSession);
      return api;
    },

    signInUrl(signIn = {}) {
      const { origin, pathname, searchParams } = context.url;
      let returnTo: string;
      if (signIn.returnTo === undefined) {
        const query = new URLSearchParams(searchParams);
        query.delete('error');
        const search = query.toString();
        returnTo = search ? `${pathname}?${search}` : pathname;
      } else {
        returnTo = safeReturnTo(signIn.returnTo, origin, '');
        if (returnTo === '') {
          throw new LivepushAuthError(
            'invalid_request',
            `returnTo must be a path on this site, such as "/streams"; got ${JSON.stringify(String(signIn.returnTo).slice(0, 100))}.`,
          );
        }
      }
      const scopes = signIn.scopes === undefined ? undefined : parseScopes(signIn.scopes);
      return signInUrl({ basePath: core.basePath, scopes, returnTo });
    },

    async signOut() {
      const refused = refusal(request, context.url, core.trustedOrigins, SIGN_OUT_METHODS, 'Signing out');
      if (refused) throw refused.error;
      const session = await context.readSession();
      await context.clearSession();
      // Pending sign-ins end too: a transaction started before sign-out must not complete after it.
      record(endTransactions(core, browserCookies()));
      if (session) await core.emit({ type: 'signOut', session: null, userId: userIdOf(session.record) });
    },

    applyCookies(response) {
      return withCookies(response, context.setCookies);
    },
  };
  return context;
}
