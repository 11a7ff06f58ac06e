import type { LivepushUser } from '../api/types';
import type { LivepushAuthErrorCode } from '../errors';
import type { LivepushScope } from '../scopes';
import type { LivepushSessionData } from '../session-data';
import type { SessionPayload } from '../session-payload';
import type { SignInOptions } from '../sign-in-url';

/** Where the browser store stands. */
export type AuthStatus = 'loading' | 'authenticated' | 'unauthenticated';

/** A failure the store shows to the page: a code to switch on and a message for people. */
export interface AuthClientError {
  code: LivepushAuthErrorCode;
  message: string;
}

/** The store's state. The same object is returned until something changes. */
export interface AuthSnapshot {
  status: AuthStatus;
  user: LivepushUser | null;
  scopes: readonly LivepushScope[];
  /** When the server's current access token expires (epoch ms), or `null` when signed out. */
  expiresAt: number | null;
  /** The app's own data kept in the session (`onSignIn`, `updateSession`), or `null` when signed out. */
  data: LivepushSessionData | null;
  /** The last failure (a refused sign-in, an unreachable server…), or `null`. */
  error: AuthClientError | null;
}

/** Options of `createAuthClient`. */
export interface AuthClientOptions {
  /** Where the server handler is mounted. Default `/auth`. */
  basePath?: string;
  /** The `fetch` to use. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /**
   * The session as the server rendered it (the `GET {basePath}/session` JSON): the store starts
   * settled, with no loading state and no request.
   */
  initialSession?: SessionPayload | null;
  /**
   * The `?error=` code of the page's URL as the server rendered it (a failed sign-in comes back with
   * one): the server snapshot shows that error too, so the page hydrates what the server rendered.
   * In the browser the store reads the URL itself (see `readErrorFromUrl`).
   */
  initialError?: string | null | undefined;
  /** Refetch the session when the window regains focus (debounced). Default `true`. */
  refetchOnFocus?: boolean;
  /** Keep tabs in sync through a BroadcastChannel that carries only "refetch". Default `true`. */
  syncTabs?: boolean;
  /** Read (and remove) an `?error=<code>` that the callback added to the URL. Default `true`. */
  readErrorFromUrl?: boolean;
  /** How to navigate to the sign-in route. Default `location.assign`. */
  navigate?: (url: string) => void;
  /** The clock, in epoch ms, that times the refresh ahead of expiry. Default `Date.now`. */
  now?: () => number;
}

/** Options of {@link AuthClient.refresh}. */
export interface RefreshOptions {
  /**
   * Make the server re-read the profile (`GET /account/this`) into the session first
   * (`POST {basePath}/session`). Default `false`: just ask for the session.
   */
  profile?: boolean;
}

/** Options of {@link AuthClient.signOut}. */
export interface SignOutOptions {
  /**
   * End every session of the current Livepush user, on every device (the server's `signOutUser`).
   * Needs a session store on the server: in cookie mode the server refuses, the session here is
   * kept and `error` is set. Default `false`: this browser only.
   */
  everywhere?: boolean;
}

/** A framework-free session store over the server routes; the React, Vue and Svelte bindings wrap it. */
export interface AuthClient {
  /** Calls `listener` after every state change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The current state; the same object until it changes (safe for `useSyncExternalStore`). */
  getSnapshot(): AuthSnapshot;
  /** The state to render on the server: the initial session, or loading. Never changes. */
  getServerSnapshot(): AuthSnapshot;
  /**
   * Navigates to `{basePath}/login` (a full page navigation: the OAuth redirect needs it); `returnTo`
   * defaults to the current path and query.
   */
  signIn(options?: SignInOptions): void;
  /**
   * POSTs `{basePath}/logout`, then the state is unauthenticated (and other tabs refetch). With
   * `{ everywhere: true }` every session of the user ends (see {@link SignOutOptions}). A failure keeps
   * the session and sets `error`.
   */
  signOut(options?: SignOutOptions): Promise<void>;
  /**
   * Refetches `{basePath}/session`; concurrent calls share one request. With `{ profile: true }` the
   * server re-reads the profile first; resolves the new snapshot.
   */
  refresh(options?: RefreshOptions): Promise<AuthSnapshot>;
  /** True when the session holds every one of `scopes`. */
  hasScopes(scopes: readonly LivepushScope[]): boolean;
  /**
   * Calls the Livepush API through the server proxy with the session cookie. `path` is the
   * documented Livepush path (`/streams/mine`, `/account/this`, `/inspector/get_metadata`); the API
   * (accounts, streams or VOD import) is chosen from it. While a session request is in flight, or
   * once the server's access token is due for its refresh, the call first waits for that one session
   * request, so a page's parallel calls never each make the server refresh (see `refreshIn`).
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Removes listeners, timers and the BroadcastChannel. */
  destroy(): void;
}
