import {
  type LivepushApi,
  LivepushAuthError,
  type LivepushScope,
  missingScopes,
  unionScopes,
} from '@livepush/auth-core';
import type { LivepushAuth } from '@livepush/auth-core/server';
import { error, type RequestEvent, redirect } from '@sveltejs/kit';
import { writeCookies } from './cookies';
import type { LivepushContext, SignInOptions } from './types';

/** The context plus what the handle needs to finish the response. @internal */
export interface OwnedContext extends LivepushContext {
  /** `Set-Cookie` values that could not go through `event.cookies` (the response was already generated). */
  pending(): string[];
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

/** `{basePath}/login?scope=…&returnTo=…`. */
export function loginUrl(
  basePath: string,
  event: Pick<RequestEvent, 'url'>,
  options: SignInOptions = {},
): string {
  const query = new URLSearchParams();
  if (options.scopes && options.scopes.length > 0) query.set('scope', options.scopes.join(' '));
  query.set('returnTo', options.returnTo ?? currentPage(event));
  return `${basePath}/login?${query}`;
}

/**
 * A copy of the API client (and of its nested groups) whose methods write back the cookies a refresh
 * produced during the call as soon as it settles, while `load` is still running. (The client is frozen,
 * so this is a copy, not a `Proxy`.)
 */
function persistingApi<T extends object>(target: T, flush: () => void): T {
  const copy: Record<PropertyKey, unknown> = {};
  for (const key of Reflect.ownKeys(target)) {
    const value: unknown = Reflect.get(target, key);
    if (typeof value === 'function')
      copy[key] = (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result instanceof Promise ? result.finally(flush) : result;
      };
    else if (typeof value === 'object' && value !== null) copy[key] = persistingApi(value, flush);
    else copy[key] = value;
  }
  return Object.freeze(copy) as T;
}

/** The URL's `error` parameter a failed sign-in came back with, if any. */
function returnedError(event: Pick<RequestEvent, 'url'>): string | null {
  return event.url.searchParams.get('error');
}

/** `event.locals.livepush` for one request, over the core's per-request context. @internal */
export function createContext(auth: LivepushAuth, event: RequestEvent): OwnedContext {
  const request = auth.forRequest(event.request);
  const written = new Set<string>();
  const unwritten: string[] = [];
  let api: LivepushApi | undefined;

  /** Writes what the core recorded since the last call (a refresh, or a cookie it could not use). */
  const flush = () => {
    const fresh = request.setCookies.filter((cookie) => !written.has(cookie));
    for (const cookie of fresh) written.add(cookie);
    unwritten.push(...writeCookies(event.cookies, fresh));
  };
  const persisting = async <T>(promise: Promise<T>): Promise<T> => {
    try {
      return await promise;
    } finally {
      flush();
    }
  };

  const context: OwnedContext = {
    basePath: auth.basePath,
    getSession: () => persisting(request.getSession()),
    getAccessToken: () => persisting(request.getAccessToken()),
    get api() {
      api ??= persistingApi(request.api, flush);
      return api;
    },

    async requireSession() {
      const session = await context.getSession();
      if (session) return session;
      const code = returnedError(event);
      if (code) error(401, { message: signInFailed(code) });
      return context.signIn();
    },

    async requireScopes(...scopes: LivepushScope[]) {
      const session = await context.getSession();
      const missing = session ? missingScopes(session.scopes, scopes) : scopes;
      if (session && missing.length === 0) return session;
      const code = returnedError(event);
      if (code) error(session ? 403 : 401, { message: signInFailed(code) });
      // Signed out: the app's default scopes too, or the new session would lack them.
      return context.signIn({ scopes: session ? missing : unionScopes(auth.client.scopes, scopes) });
    },

    signInUrl: (options) => loginUrl(auth.basePath, event, options),

    signIn(options) {
      redirect(303, loginUrl(auth.basePath, event, options));
    },

    async signOut(options = {}) {
      // The core's own logout route: it clears every chunk and the store record and reports `signOut`.
      const response = await auth.handler(
        new Request(new URL(`${auth.basePath}/logout`, event.url), {
          method: 'POST',
          headers: {
            accept: 'application/json',
            cookie: event.request.headers.get('cookie') ?? '',
            origin: event.url.origin,
          },
        }),
      );
      unwritten.push(...writeCookies(event.cookies, response.headers.getSetCookie()));
      if (!response.ok) error(response.status, { message: 'Signing out failed; try again.' });
      redirect(303, options.redirectTo ?? '/');
    },

    pending: () => {
      flush();
      return unwritten.splice(0);
    },
  };
  return context;
}

/** A readable message for the `error` code a failed sign-in comes back with. */
export function signInFailed(code: string): string {
  switch (code) {
    case 'access_denied':
      return 'Livepush access was denied, so this page cannot be shown.';
    case 'invalid_state':
      return 'The sign-in expired or was started in another tab; try again.';
    default:
      return `Signing in with Livepush failed (${code}); try again.`;
  }
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
    get api(): LivepushApi {
      throw unavailable('The Livepush API');
    },
    requireSession: async () => {
      throw unavailable('A Livepush session');
    },
    requireScopes: async () => {
      throw unavailable('A Livepush session');
    },
    // Links to sign in render fine in a prerendered page: they are followed at runtime.
    signInUrl: (options) =>
      loginUrl(basePath, { url: new URL('http://prerender/') }, { returnTo: '/', ...options }),
    signIn: () => {
      throw unavailable('Signing in');
    },
    signOut: async () => {
      throw unavailable('Signing out');
    },
    pending: () => [],
  };
}
