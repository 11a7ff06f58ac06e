'use client';
import type { LivepushSessionData } from '@livepush/auth-core';
import {
  type AuthClient,
  type AuthClientError,
  hasScopes,
  type LivepushScope,
  type LivepushUser,
} from '@livepush/auth-core/client';
import { useMemo, useSyncExternalStore } from 'react';
import { useClient } from './context';

/** The actions of {@link useLivepushAuth}: stable for the provider's lifetime, except `hasScopes`. */
export interface LivepushAuthActions {
  /** Navigates to Livepush to sign in (or to grant more `scopes`: incremental consent). */
  signIn: AuthClient['signIn'];
  /**
   * Ends the session on the server; `signOut({ everywhere: true })` ends every session of the user, in
   * every browser (the server needs a session store for that).
   */
  signOut: AuthClient['signOut'];
  /** Refetches the session; `refresh({ profile: true })` has the server re-read the Livepush profile first. */
  refresh: AuthClient['refresh'];
  /** True when the session holds every one of `scopes` (a new function when the scopes change). */
  hasScopes: (scopes: readonly LivepushScope[]) => boolean;
  /** Calls the Livepush API through the server proxy, e.g. `fetch('/streams/mine')`. */
  fetch: AuthClient['fetch'];
}

interface Signed<S extends 'loading' | 'unauthenticated' | 'authenticated'> {
  status: S;
  isLoading: S extends 'loading' ? true : false;
  isAuthenticated: S extends 'authenticated' ? true : false;
  /** The Livepush profile (`GET /account/this`), or `null` without `profile.read`. */
  user: S extends 'authenticated' ? LivepushUser | null : null;
  /** The granted scopes (empty when signed out). */
  scopes: readonly LivepushScope[];
  /**
   * Your app's own data kept in the session (what `onSignIn` or `updateSession` set; `{}` when none),
   * typed by your `LivepushSessionData` declaration; `null` unless signed in.
   */
  data: S extends 'authenticated' ? LivepushSessionData : null;
  /** When the server's access token expires (epoch ms); the server refreshes it as needed. */
  expiresAt: S extends 'authenticated' ? number : null;
  /** The last failure (a denied consent, an unreachable server…), or `null`. */
  error: AuthClientError | null;
}

/** What {@link useLivepushAuth} returns; check `isAuthenticated` (or `status`) to narrow it. */
export type LivepushAuthState = LivepushAuthActions &
  (Signed<'loading'> | Signed<'unauthenticated'> | Signed<'authenticated'>);

/**
 * The Livepush session and what to do with it. Re-renders when the session changes.
 *
 * @example
 * ```tsx
 * const { isAuthenticated, user, signIn } = useLivepushAuth();
 * if (!isAuthenticated) return <button onClick={() => signIn()}>Sign in with Livepush</button>;
 * return <p>Hello {user?.name}</p>;
 * ```
 * @throws {Error} outside `<LivepushAuthProvider>`.
 */
export function useLivepushAuth(): LivepushAuthState {
  const client = useClient('useLivepushAuth');
  const snapshot = useSyncExternalStore(client.subscribe, client.getSnapshot, client.getServerSnapshot);
  return useMemo(
    () =>
      ({
        ...snapshot,
        isLoading: snapshot.status === 'loading',
        isAuthenticated: snapshot.status === 'authenticated',
        signIn: client.signIn,
        signOut: client.signOut,
        refresh: client.refresh,
        hasScopes: (scopes: readonly LivepushScope[]) => hasScopes(snapshot.scopes, scopes),
        fetch: client.fetch,
      }) as LivepushAuthState,
    [client, snapshot],
  );
}
