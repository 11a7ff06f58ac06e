import type { LivepushScope } from './scopes';

/**
 * Where the server routes live and the URL that starts sign-in, in one place for the browser store,
 * the server's per-request context and the adapters. Browser-safe: no server code, no secrets.
 */

/** Where to send the user to sign in, and where they come back. */
export interface SignInOptions {
  /**
   * Scopes to ask for. With a session, the server asks Livepush for these plus the granted ones
   * (incremental consent). Default: the server's configured `scopes`.
   */
  scopes?: readonly LivepushScope[] | undefined;
  /** A same-origin path to come back to after signing in. Default `/` (the store: the current page). */
  returnTo?: string | undefined;
}

/**
 * A `basePath` as the routes use it: `/auth` when not given, without trailing slashes.
 *
 * @example resolveBasePath('/api/auth/') // '/api/auth'
 */
export function resolveBasePath(basePath = '/auth'): string {
  return basePath.replace(/\/+$/, '');
}

/**
 * Why a resolved `basePath` cannot be used, or `null`.
 * @internal
 */
export function basePathProblem(basePath: string): string | null {
  return /^\/[A-Za-z0-9/_.-]*$/.test(basePath) && !basePath.includes('//')
    ? null
    : 'basePath must be a path such as "/auth" or "/api/auth".';
}

/**
 * The URL of `GET {basePath}/login?scope=…&returnTo=…`, the route that starts sign-in (a full page
 * navigation: the OAuth redirect needs one). `returnTo` defaults to `/`; without `scopes` the server
 * asks for its configured ones.
 *
 * @example signInUrl({ scopes: ['streams.read'], returnTo: '/streams' }) // '/auth/login?scope=streams.read&returnTo=%2Fstreams'
 */
export function signInUrl({
  basePath,
  scopes,
  returnTo = '/',
}: SignInOptions & { basePath?: string | undefined } = {}): string {
  const query = new URLSearchParams(scopes?.length ? { scope: scopes.join(' '), returnTo } : { returnTo });
  return `${resolveBasePath(basePath)}/login?${query}`;
}
