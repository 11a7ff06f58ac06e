import {
  type AuthClient,
  type AuthClientError,
  type AuthSnapshot,
  type LivepushScope,
  missingScopes,
} from '@livepush/auth-core/client';
import type { NavigationGuardWithThis, RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import { useLivepushClient } from './plugin';

/** The route `meta` fields the guard reads. Importing `@livepush/auth-vue/router` adds them to `RouteMeta`. */
export interface LivepushRouteMeta {
  /** Only signed-in users may enter. */
  livepushAuth?: boolean;
  /** Only users who granted every one of these scopes may enter (implies `livepushAuth`). */
  livepushScopes?: readonly LivepushScope[];
}

declare module 'vue-router' {
  interface RouteMeta extends LivepushRouteMeta {}
}

/**
 * Why the guard refused a navigation. `sign_in_failed`: the page was just loaded with a sign-in
 * error (e.g. the user denied consent and was sent back here), so starting sign-in again would loop.
 */
export type LivepushGuardDenial =
  | { reason: 'unauthenticated'; scopes: readonly LivepushScope[] }
  | { reason: 'missing_scopes'; scopes: readonly LivepushScope[]; missing: readonly LivepushScope[] }
  | { reason: 'sign_in_failed'; scopes: readonly LivepushScope[]; error: AuthClientError };

/** Options of {@link createLivepushGuard}. */
export interface LivepushGuardOptions {
  /** The store to consult. Default: the one `createLivepush()` provided (vue-router ≥ 4.2 runs guards in the app's context). */
  client?: AuthClient;
  /**
   * What to do with a refused navigation. Default: `client.signIn({ scopes, returnTo: to.fullPath })`
   * (sign in, or incremental consent for missing scopes) and cancel the navigation; for
   * `sign_in_failed`, go to `/` instead (where the app shows `error`). Return a route (e.g. your own
   * sign-in page) to redirect, `false` to cancel.
   */
  onDenied?: (
    denial: LivepushGuardDenial,
    to: RouteLocationNormalized,
    client: AuthClient,
  ) => RouteLocationRaw | boolean | undefined;
}

/** Resolves with the first snapshot that is not `loading`. */
function settled(client: AuthClient): Promise<AuthSnapshot> {
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | undefined;
    let done = false;
    const check = () => {
      const snapshot = client.getSnapshot();
      if (done || snapshot.status === 'loading') return;
      done = true;
      unsubscribe?.();
      resolve(snapshot);
    };
    unsubscribe = client.subscribe(check);
    if (done) unsubscribe();
    else check();
  });
}

/**
 * A vue-router guard for routes with `meta.livepushAuth` or `meta.livepushScopes` (on the route or a
 * parent). It waits for the session to load, lets signed-in users with the scopes through, and sends
 * everyone else to sign in — except on a page that just came back from a failed sign-in, which it
 * sends to `/` rather than into a consent loop (see {@link LivepushGuardOptions.onDenied}). During
 * server rendering it decides only with `onDenied` and an `initialSession`, and otherwise lets the
 * navigation through: the browser runs it again.
 *
 * @example
 * router.beforeEach(createLivepushGuard());
 * // { path: '/streams', component: Streams, meta: { livepushScopes: ['streams.read'] } }
 */
export function createLivepushGuard(options: LivepushGuardOptions = {}): NavigationGuardWithThis<undefined> {
  return async (to, from) => {
    const scopes = [...new Set(to.matched.flatMap((record) => record.meta.livepushScopes ?? []))];
    if (scopes.length === 0 && !to.matched.some((record) => record.meta.livepushAuth)) return true;
    const client = options.client ?? useLivepushClient();
    const onServer = typeof document === 'undefined';
    let snapshot = onServer ? client.getServerSnapshot() : client.getSnapshot();
    if (onServer) {
      // Server rendering: only `initialSession` is known and nothing can navigate the browser; the
      // guard runs again in the browser, on the first navigation there.
      if (snapshot.status === 'loading' || !options.onDenied) return true;
    } else if (snapshot.status === 'loading') {
      snapshot = await settled(client);
    }
    const missing = missingScopes(snapshot.scopes, scopes);
    if (snapshot.status === 'authenticated' && missing.length === 0) return true;
    const denial: LivepushGuardDenial =
      snapshot.error && from.matched.length === 0
        ? { reason: 'sign_in_failed', scopes, error: snapshot.error }
        : snapshot.status === 'authenticated'
          ? { reason: 'missing_scopes', scopes, missing }
          : { reason: 'unauthenticated', scopes };
    if (options.onDenied) return options.onDenied(denial, to, client) ?? false;
    if (denial.reason === 'sign_in_failed') return to.path === '/' ? false : '/';
    client.signIn({ scopes, returnTo: to.fullPath });
    return false;
  };
}
