import type { LivepushSessionData } from '@livepush/auth-core';
import {
  type AuthClient,
  type AuthClientError,
  type AuthSnapshot,
  type AuthStatus,
  hasScopes,
  type LivepushScope,
  type LivepushUser,
  type SignInOptions,
} from '@livepush/auth-core/client';
import { type ComputedRef, computed, getCurrentScope, onScopeDispose, shallowRef } from 'vue';
import { useLivepushClient } from './plugin';

/** What {@link useLivepush} returns: readonly refs over the session, and the store's actions. */
export interface UseLivepushReturn {
  status: ComputedRef<AuthStatus>;
  /** True until the first session answer (never on a page hydrated with `initialSession`). */
  isLoading: ComputedRef<boolean>;
  isAuthenticated: ComputedRef<boolean>;
  user: ComputedRef<LivepushUser | null>;
  /** The granted scopes. */
  scopes: ComputedRef<readonly LivepushScope[]>;
  /**
   * Your app's own data kept in the session (what `onSignIn` or `updateSession` set; `{}` when none),
   * typed by your `LivepushSessionData` declaration; `null` unless signed in.
   */
  data: ComputedRef<LivepushSessionData | null>;
  /** When the server's access token expires (epoch ms), or `null`. */
  expiresAt: ComputedRef<number | null>;
  /** The last failure (e.g. `access_denied` after a refused consent), or `null`. */
  error: ComputedRef<AuthClientError | null>;
  /** Full-page navigation to sign in; with a session, asks for the union of granted and `scopes`. */
  signIn(options?: SignInOptions): void;
  /**
   * Ends the session on the server; `signOut({ everywhere: true })` ends every session of the user, in
   * every browser (the server needs a session store for that).
   */
  signOut: AuthClient['signOut'];
  /** Refetches the session; `refresh({ profile: true })` has the server re-read the Livepush profile first. */
  refresh: AuthClient['refresh'];
  /** True when every one of `scopes` is granted. Reactive: reads the same state as the refs. */
  hasScopes(scopes: readonly LivepushScope[]): boolean;
  /** Calls the Livepush API through the server proxy, e.g. `fetch('/streams/mine')`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * The session as readonly refs, updated by the store and released with the calling scope
 * (component, `effectScope`). On the server it renders `initialSession` (or loading) and subscribes to nothing.
 * @throws {Error} naming `createLivepush` outside an app that installed the plugin.
 */
export function useLivepush(): UseLivepushReturn {
  const client = useLivepushClient();
  const onServer = typeof document === 'undefined';
  const state = shallowRef<AuthSnapshot>(onServer ? client.getServerSnapshot() : client.getSnapshot());
  if (!onServer) {
    const unsubscribe = client.subscribe(() => {
      state.value = client.getSnapshot();
    });
    if (getCurrentScope()) onScopeDispose(unsubscribe);
  }
  const pick = <K extends keyof AuthSnapshot>(key: K) => computed(() => state.value[key]);
  const status = pick('status');
  const scopes = pick('scopes');
  return {
    status,
    isLoading: computed(() => status.value === 'loading'),
    isAuthenticated: computed(() => status.value === 'authenticated'),
    user: pick('user'),
    scopes,
    data: pick('data'),
    expiresAt: pick('expiresAt'),
    error: pick('error'),
    // The store's methods are closures (no `this`): hand them out as they are.
    signIn: client.signIn,
    signOut: client.signOut,
    refresh: client.refresh,
    hasScopes: (wanted) => hasScopes(scopes.value, wanted),
    fetch: client.fetch,
  };
}
