import type { AuthClient, AuthSnapshot, LivepushScope } from '@livepush/auth-core/client';
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

/** Why the guard refused a navigation. */
export type LivepushGuardDenial =
  | { reason: 'unauthenticated'; scopes: readonly LivepushScope[] }
  | { reason: 'missing_scopes'; scopes: readonly LivepushScope[]; missing: readonly LivepushScope[] };

/** Options of {@link createLivepushGuard}. */
export interface LivepushGuardOptions {
  /** The store to consult. Default: the one `createLivepush()` provided (vue-router ≥ 4.2 runs guards in the app's context). */
  client?: AuthClient;
  /**
   * What to do with a refused navigation. Default: `client.signIn({ scopes, returnTo: to.fullPath })`
   * (sign in, or incremental consent for missing scopes) and cancel the navigation. Return a route
   * (e.g. your own sign-in page) to redirect instead.
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
    let done = false;
    const unsubscribe = client.subscribe(check);
    function check() {
      const snapshot = client.getSnapshot();
      if (done || snapshot.status === 'loading') return;
      done = true;
      queueMicrotask(unsubscribe);
      resolve(snapshot);
    }
    check();
  });
}

/**
 * A vue-router guard for routes with `meta.livepushAuth` or `meta.livepushScopes` (on the route or a
 * parent). It waits for the session to load, lets signed-in users with the scopes through, and sends
 * everyone else to sign in (see {@link LivepushGuardOptions.onDenied}).
 *
 * @example
 * router.beforeEach(createLivepushGuard());
 * // { path: '/streams', component: Streams, meta: { livepushScopes: ['streams.read'] } }
 */
export function createLivepushGuard(options: LivepushGuardOptions = {}): NavigationGuardWithThis<undefined> {
  return async (to) => {
    const scopes = [...new Set(to.matched.flatMap((record) => record.meta.livepushScopes ?? []))];
    if (scopes.length === 0 && !to.matched.some((record) => record.meta.livepushAuth)) return true;
    const client = options.client ?? useLivepushClient();
    let snapshot = client.getSnapshot();
    if (snapshot.status === 'loading') snapshot = await settled(client);
    const missing = scopes.filter((scope) => !snapshot.scopes.includes(scope));
    if (snapshot.status === 'authenticated' && missing.length === 0) return true;
    const denial: LivepushGuardDenial =
      snapshot.status === 'authenticated'
        ? { reason: 'missing_scopes', scopes, missing }
        : { reason: 'unauthenticated', scopes };
    if (options.onDenied) return options.onDenied(denial, to, client) ?? false;
    client.signIn({ scopes, returnTo: to.fullPath });
    return false;
  };
}
