import type { LivepushApi } from '../api/client';
import type { OAuthClient } from '../config';
import type { LivepushSessionData } from '../session-data';
import type { SessionSummary } from '../session-payload';
import type { SignInOptions } from '../sign-in-url';
import type { LivepushCookie } from './cookies';
import type { Sealer } from './seal';

/** Options of `getSession`. */
export interface GetSessionOptions {
  /** Refresh a due access token first. Default `false` (a pure read, no network). */
  refresh?: boolean;
}

/** What {@link LivepushAuth.updateSession} changes. */
export interface UpdateSessionOptions {
  /**
   * The app's data to keep in the session, replacing what it held: a JSON object (plain objects,
   * arrays, strings, finite numbers, booleans, `null`). Visible to the browser: no secrets. In cookie
   * mode it counts toward the session cookie's 6 KiB.
   */
  data: LivepushSessionData;
}

/** What {@link LivepushAuth.updateSession} and {@link LivepushAuth.refreshProfile} resolve. */
export interface SessionUpdate {
  /** The session as it is now. */
  session: SessionSummary;
  /** The `Set-Cookie` values that persist it: append them to your response. */
  setCookies: string[];
}

/** One session of a user, for {@link LivepushAuth.listSessions}. Never holds a token or an id. */
export interface LivepushSessionInfo {
  /** When the user signed in (epoch ms). */
  createdAt: number;
  /** When the session was last used (epoch ms; written back at most once a minute). */
  lastUsedAt: number;
  /** When it ends unless used again (epoch ms): the idle timeout, or the absolute lifetime. */
  expiresAt: number;
  /** The `User-Agent` of the browser that signed in (at most 256 characters), or `null`. */
  userAgent: string | null;
}

/** Options of {@link LivepushAuth.requestContext}. */
export interface RequestContextOptions {
  /**
   * Receives every cookie the request must set, at the moment it is produced (a refreshed session,
   * a cleared one, a sign-out), so a framework can hand it to its own cookie API
   * (`event.cookies.set` in SvelteKit, `cookies().set` in Next.js, `setCookie` in h3). Later cookies
   * with the same name replace earlier ones. Errors it throws are logged and ignored: the cookie stays
   * in {@link LivepushRequestContext.cookies}.
   */
  onCookie?: (cookie: LivepushCookie) => void;
}

/**
 * One request's Livepush session, for loaders, actions and route handlers: read it, get a token, call
 * the API, build a sign-in link, sign out. Every cookie the request must set is recorded (and handed
 * to `onCookie`): apply them to your response.
 */
export interface LivepushRequestContext {
  /**
   * The session summary, or `null`. Memoised per request; no network call while the token is fresh.
   * With `{ refresh: true }` a due access token is refreshed first (as `GET {basePath}/session` does),
   * so `expiresAt` is current — apply the context's cookies to your response then.
   * A transient refresh failure still returns the (kept) session.
   */
  getSession(options?: GetSessionOptions): Promise<SessionSummary | null>;
  /**
   * A fresh access token, refreshing first when due (single-flight per session). A refresh is
   * recorded in the context's cookies: apply them to your response.
   * @throws {LivepushAuthError} `unauthenticated` when there is no session or it is over; a transient
   *   code (`network_error`, `timeout`, …) when a due refresh failed (the session is kept).
   */
  getAccessToken(): Promise<string>;
  /** The typed Livepush API client, acting as this request's user. */
  readonly api: LivepushApi;
  /**
   * The URL of `{basePath}/login` that signs the user in (or asks for more `scopes`: incremental
   * consent) and comes back to `returnTo` — by default this request's path and query, without an
   * `error` a failed sign-in left there.
   * @throws {LivepushAuthError} `invalid_scope` for an unknown scope; `invalid_request` when
   *   `returnTo` is not a path on this request's origin.
   */
  signInUrl(options?: SignInOptions): string;
  /**
   * Signs the user out: the session (and its store record) and every pending sign-in of this browser
   * end, `onSession` receives `signOut`. Guarded like `POST {basePath}/logout`: the request must use
   * an unsafe method (a form post, a `fetch` POST) and come from this site.
   * @throws {LivepushAuthError} `invalid_request` for a GET or a cross-origin request (nothing is
   *   changed); `store_unavailable` when the session store cannot be reached.
   */
  signOut(): Promise<void>;
  /**
   * Replaces the app's `data` in this request's session (see {@link LivepushAuth.updateSession}); the
   * cookies that persist it are recorded (and handed to `onCookie`).
   * @throws {LivepushAuthError} `unauthenticated` without a session; `invalid_request` for `data` that
   *   is not a JSON object, or too large for the cookie session.
   */
  updateSession(options: UpdateSessionOptions): Promise<SessionSummary>;
  /**
   * Re-reads the profile (`GET /account/this`, or your `fetchUser`) into this request's session; the
   * cookies that persist it are recorded (and handed to `onCookie`).
   * @throws {LivepushAuthError} `unauthenticated` without a session; a transient code when Livepush
   *   could not be reached (the session and its old profile are kept).
   */
  refreshProfile(): Promise<SessionSummary>;
  /** Every cookie this request must set, in the order produced; one per name (the latest). */
  readonly cookies: readonly LivepushCookie[];
  /** {@link LivepushRequestContext.cookies} as `Set-Cookie` header values. */
  readonly setCookies: readonly string[];
  /** Appends {@link LivepushRequestContext.setCookies} to `response` and returns it. */
  applyCookies(response: Response): Response;
}

/** What `createLivepushAuth` returns. */
export interface LivepushAuth {
  /**
   * Answers the routes under `basePath` (`login`, `callback`, `logout`, `session`, `api/*`); any
   * other path gets a 404. Never throws: failures become redirects or JSON errors.
   */
  handler(request: Request): Promise<Response>;
  /** Like {@link LivepushAuth.handler}, but resolves `null` for paths outside `basePath` so frameworks can fall through. */
  handle(request: Request): Promise<Response | null>;
  /**
   * The session summary of `request`, or `null`. No network call while the token is fresh. To refresh
   * a due token and persist it, use `requestContext(request).getSession({ refresh: true })` and apply
   * its cookies.
   */
  getSession(request: Request): Promise<SessionSummary | null>;
  /**
   * A fresh access token for `request`'s user and the `Set-Cookie` values to persist if it was refreshed.
   * @throws {LivepushAuthError} `unauthenticated`, or a transient code when a due refresh failed.
   */
  getAccessToken(request: Request): Promise<{ accessToken: string; setCookies: string[] }>;
  /**
   * The per-request context of `request`: session, token, API client, sign-in URL, sign-out, and the
   * cookies to write back (handed to `options.onCookie` as they are produced). Nothing is read until
   * asked for.
   */
  requestContext(request: Request, options?: RequestContextOptions): LivepushRequestContext;
  /**
   * Replaces the app's `data` in `request`'s session. Append `setCookies` to your response (in cookie
   * mode the data lives in the sealed cookie). With a store the change is atomic: a session ended
   * meanwhile stays ended.
   * @throws {LivepushAuthError} `unauthenticated` without a session; `invalid_request` for `data` that
   *   is not a JSON object, or that would make the cookie session larger than 6 KiB (the message says
   *   how large).
   * @example
   * ```ts
   * const { setCookies } = await auth.updateSession(request, { data: { role: 'admin' } })
   * ```
   */
  updateSession(request: Request, options: UpdateSessionOptions): Promise<SessionUpdate>;
  /**
   * Re-reads the profile of `request`'s user (`GET /account/this`, or your `fetchUser`) into the
   * session. Append `setCookies` to your response.
   * @throws {LivepushAuthError} `unauthenticated` without a session; a transient code when Livepush
   *   could not be reached (the old profile is kept).
   */
  refreshProfile(request: Request): Promise<SessionUpdate>;
  /**
   * Ends every session of the Livepush user `userId` on every instance sharing the store (each ends
   * on its next request); `onSession` receives `revoked`. Resolves how many ended. Needs a `store`
   * that implements `deleteUserSessions` (the memory and Redis stores do).
   * @throws {LivepushAuthError} `invalid_config` in cookie mode (no store: a cookie cannot be revoked
   *   remotely) or with a store without `deleteUserSessions`; `invalid_request` for an empty
   *   `userId`; `store_unavailable` when the store cannot be reached.
   */
  signOutUser(userId: string): Promise<number>;
  /**
   * The live sessions of the Livepush user `userId`, oldest first. Needs a `store` that implements
   * `listUserSessions` (the memory and Redis stores do).
   * @throws {LivepushAuthError} `invalid_config` in cookie mode or with a store without
   *   `listUserSessions`; `invalid_request` for an empty `userId`; `store_unavailable`.
   */
  listSessions(userId: string): Promise<LivepushSessionInfo[]>;
  /**
   * A sealer (AES-256-GCM, expiry and a context bound in) for your own short-lived values, such as form
   * fields kept across a sign-in: keyed from `secret` (rotation included) but, through HKDF, apart from
   * the sessions and from every other purpose, so nothing sealed for one can be opened as another.
   * @throws {LivepushAuthError} `invalid_request` for a purpose that is not 1–64 of `A-Za-z0-9._:-`.
   * @example
   * ```ts
   * const sealed = await auth.sealer('form-resume').seal('/streams', { name }, Date.now() + 600_000)
   * ```
   */
  sealer(purpose: string): Sealer;
  /** The validated OAuth client configuration (for the functions of `@livepush/auth-core/protocol`). */
  readonly client: OAuthClient;
  /** The resolved `basePath`. */
  readonly basePath: string;
}
