import { isLivepushAuthError, LivepushAuthError, type LivepushScope, parseScopes } from '@livepush/auth-core';
import { missingScopes, signInUrl } from '@livepush/auth-core/client';
import {
  describeErrorCode,
  type LivepushAuth,
  type LivepushCookie,
  serializeCookie,
} from '@livepush/auth-core/server';
import { type Cookies, error, type RequestEvent, redirect } from '@sveltejs/kit';
import { keepForm, takeResumed } from './resume';
import type { LivepushContext, SignInOptions } from './types';

/** The context plus what the handle needs to finish the response. @internal */
export interface OwnedContext extends LivepushContext {
  /** `Set-Cookie` values that could not go through `event.cookies` (the response was already generated). */
  pending(): string[];
  /** Whether this request produced any cookie (a refreshed, new or cleared session). */
  producedCookies(): boolean;
}

/**
 * Where "come back here" points for this event: the page, without SvelteKit's action selector
 * (`?/create`), so a sign-in started from a form action lands on the page, not on a GET of the action,
 * and without the `error` an earlier failed sign-in left (a new attempt must not come back with it).
 */
export function currentPage(event: Pick<RequestEvent, 'url'>): string {
  const params = new URLSearchParams(event.url.search);
  for (const key of [...params.keys()]) if (key.startsWith('/') || key === 'error') params.delete(key);
  const search = params.toString();
  return `${event.url.pathname}${search ? `?${search}` : ''}`;
}

/**
 * Writes a cookie the core produced through SvelteKit's `event.cookies`, so it reaches whatever
 * response SvelteKit ends up sending (a page, `__data.json`, an action result, a redirect thrown from
 * `load`). Every attribute is explicit, so SvelteKit's defaults (e.g. `Secure` on http://127.0.0.1)
 * never change it, and the value is written as is (the core already made it cookie-safe).
 */
function writeCookie(cookies: Cookies, { name, value, options }: LivepushCookie): void {
  const attributes = { ...options, encode: (raw: string) => raw };
  if (options.maxAge === 0) cookies.delete(name, attributes);
  else cookies.set(name, value, attributes);
}

/** The URL's `error` parameter a failed sign-in came back with, if any. */
function returnedError(event: Pick<RequestEvent, 'url'>): string | null {
  return event.url.searchParams.get('error');
}

/** `event.locals.livepush` for one request, over the core's per-request context. @internal */
export function createContext(auth: LivepushAuth, event: RequestEvent): OwnedContext {
  const unwritten: LivepushCookie[] = [];
  const request = auth.requestContext(event.request, {
    onCookie(cookie) {
      try {
        writeCookie(event.cookies, cookie);
      } catch {
        // SvelteKit refuses once the response exists (e.g. a refresh in a streamed promise).
        unwritten.push(cookie);
      }
    },
  });

  const context: OwnedContext = {
    basePath: auth.basePath,
    getSession: () => request.getSession(),
    getAccessToken: () => request.getAccessToken(),
    get api() {
      return request.api;
    },

    async requireSession() {
      const session = await context.getSession();
      if (session) return session;
      const code = returnedError(event);
      if (code) error(401, { message: describeErrorCode(code) });
      return context.signIn();
    },

    async requireScopes(
      ...args:
        | LivepushScope[]
        | [readonly LivepushScope[], { resume?: FormData | Readonly<Record<string, string>> | undefined }]
    ) {
      const [first, options] = args;
      const scopes = (Array.isArray(first) ? first : args) as readonly LivepushScope[];
      const resume = Array.isArray(first) && typeof options === 'object' ? options.resume : undefined;
      const session = await context.getSession();
      const missing = session ? missingScopes(session.scopes, scopes) : [...scopes];
      if (session && missing.length === 0) return session;
      const code = returnedError(event);
      if (code) error(session ? 403 : 401, { message: describeErrorCode(code) });
      // Signed out: the app's default scopes too, or the new session would lack them.
      const url = context.signInUrl({
        scopes: session ? missing : parseScopes([...auth.client.scopes, ...scopes]),
      });
      if (resume !== undefined) {
        if (!(resume instanceof FormData) && (typeof resume !== 'object' || resume === null))
          throw new LivepushAuthError(
            'invalid_request',
            'requireScopes(scopes, { resume }): resume takes the FormData the action read, or an object of strings.',
          );
        await keepForm(auth, event, resume);
      }
      redirect(303, url);
    },

    resumed: () => takeResumed(auth, event),

    signInUrl: (options = {}) =>
      request.signInUrl({ ...options, returnTo: options.returnTo ?? currentPage(event) }),

    signIn(options) {
      redirect(303, context.signInUrl(options));
    },

    async signOut(options = {}) {
      try {
        const userId = options.everywhere ? (await request.getSession())?.userId : null;
        // Guarded like POST {basePath}/logout: an action's POST from this site passes, a GET does not.
        await request.signOut();
        // Then the user's other sessions, only once the request passed that check.
        if (userId) await auth.signOutUser(userId);
      } catch (cause) {
        if (!isLivepushAuthError(cause)) throw cause;
        const status =
          cause.code === 'invalid_request'
            ? (cause.status ?? 403)
            : cause.code === 'invalid_config'
              ? 500
              : 503;
        error(status, { message: cause.message });
      }
      redirect(303, options.redirectTo ?? '/');
    },

    updateSession: (options) => request.updateSession(options),
    refreshProfile: () => request.refreshProfile(),
    signOutUser: (userId) => auth.signOutUser(userId),
    listSessions: (userId) => auth.listSessions(userId),

    pending: () => unwritten.splice(0).map(serializeCookie),
    producedCookies: () => request.cookies.length > 0,
  };
  return context;
}

/**
 * `event.locals.livepush` while SvelteKit builds or prerenders: signed out, and no core instance
 * (options may depend on environment variables that only exist at runtime).
 * @internal
 */
export function buildingContext(basePath: string): OwnedContext {
  const unavailable = (what: string) =>
    new LivepushAuthError(
      'unauthenticated',
      `${what} is not available while SvelteKit builds or prerenders; do not prerender pages that need a session.`,
    );
  return {
    basePath,
    getSession: async () => null,
    getAccessToken: async () => {
      throw unavailable('A Livepush access token');
    },
    get api(): never {
      throw unavailable('The Livepush API');
    },
    requireSession: async () => {
      throw unavailable('A Livepush session');
    },
    requireScopes: async () => {
      throw unavailable('A Livepush session');
    },
    resumed: async () => null,
    // Links to sign in render fine in a prerendered page: they are followed at runtime.
    signInUrl: (options: SignInOptions = {}) => signInUrl({ ...options, basePath }),
    signIn: () => {
      throw unavailable('Signing in');
    },
    signOut: async () => {
      throw unavailable('Signing out');
    },
    updateSession: async () => {
      throw unavailable('A Livepush session');
    },
    refreshProfile: async () => {
      throw unavailable('A Livepush session');
    },
    signOutUser: async () => {
      throw unavailable('Signing users out');
    },
    listSessions: async () => {
      throw unavailable('The list of sessions');
    },
    pending: () => [],
    producedCookies: () => false,
  };
}
