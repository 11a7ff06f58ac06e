import { type AuthSnapshot, type LivepushScope, missingScopes, signInUrl } from '@livepush/auth-core/client';

/**
 * What a page asks for with `definePageMeta({ livepush })`: `true` (a session) or the scopes it needs
 * (a session that granted every one of them).
 */
export type LivepushPageMeta = true | { scopes?: readonly LivepushScope[] };

/** What the route middleware does with a navigation. */
export type PageAccess =
  | { action: 'allow' }
  /** The session is not known yet (a browser fetch is needed): decide in the browser. */
  | { action: 'wait' }
  /** Send the visitor to `url` (`{basePath}/login`), and back to the page afterwards. */
  | { action: 'sign-in'; url: string }
  /**
   * The page just came back from a failed sign-in (`?error=<code>`): asking again would loop, so show
   * the failure instead.
   */
  | { action: 'failed'; code: string; status: 401 | 403 };

/**
 * Whether `snapshot` may see a page with `meta`; else where to send the visitor. Signed out, sign-in
 * asks for the app's `defaults` plus the page's scopes (else the new session would lack the defaults);
 * signed in without the scopes, for the page's scopes (the server adds the granted ones: incremental consent).
 */
export function pageAccess(
  meta: LivepushPageMeta | undefined,
  snapshot: AuthSnapshot,
  to: { fullPath: string; query: Record<string, unknown> },
  config: { basePath: string; scopes: readonly LivepushScope[] },
): PageAccess {
  if (!meta) return { action: 'allow' };
  const scopes = meta === true ? [] : (meta.scopes ?? []);
  if (snapshot.status === 'loading') return { action: 'wait' };
  const signedIn = snapshot.status === 'authenticated';
  if (signedIn && missingScopes(snapshot.scopes, scopes).length === 0) return { action: 'allow' };
  const code = to.query.error;
  if (typeof code === 'string' && code !== '')
    return { action: 'failed', code, status: signedIn ? 403 : 401 };
  const wanted = signedIn ? scopes : [...new Set([...config.scopes, ...scopes])];
  return {
    action: 'sign-in',
    url: signInUrl({ basePath: config.basePath, scopes: wanted, returnTo: to.fullPath }),
  };
}
