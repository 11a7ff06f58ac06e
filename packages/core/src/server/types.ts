import type { LivepushApi } from '../api/client';
import type { OAuthClient } from '../config';
import type { SessionSummary } from '../session-payload';

/** Options of `getSession`. */
export interface GetSessionOptions {
  /** Refresh a due access token first. Default `false` (a pure read, no network). */
  refresh?: boolean;
}

/** Server-side access to one request's session: for loaders, actions and route handlers. */
export interface LivepushRequestContext {
  /**
   * The session summary, or `null`. Memoised per request; no network call while the token is fresh.
   * With `{ refresh: true }` a due access token is refreshed first (as `GET {basePath}/session` does),
   * so `expiresAt` is current — apply {@link LivepushRequestContext.setCookies} to your response then.
   * A transient refresh failure still returns the (kept) session.
   */
  getSession(options?: GetSessionOptions): Promise<SessionSummary | null>;
  /**
   * A fresh access token, refreshing first when due (single-flight per session). A refresh is
   * recorded in {@link LivepushRequestContext.setCookies}: apply them to your response.
   * @throws {LivepushAuthError} `unauthenticated` when there is no session or it is over; a transient
   *   code (`network_error`, `timeout`, …) when a due refresh failed (the session is kept).
   */
  getAccessToken(): Promise<string>;
  /** The typed Livepush API client, acting as this request's user. */
  readonly api: LivepushApi;
  /** `Set-Cookie` values that must reach the browser (a refreshed or cleared session). */
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
  /** True when `request` is for one of the handler's routes. */
  matches(request: Request): boolean;
  /**
   * The session summary of `request`, or `null`. No network call while the token is fresh. To refresh
   * a due token and persist it, use `forRequest(request).getSession({ refresh: true })` and apply its cookies.
   */
  getSession(request: Request): Promise<SessionSummary | null>;
  /**
   * A fresh access token for `request`'s user and the `Set-Cookie` values to persist if it was refreshed.
   * @throws {LivepushAuthError} `unauthenticated`, or a transient code when a due refresh failed.
   */
  getAccessToken(request: Request): Promise<{ accessToken: string; setCookies: string[] }>;
  /** A per-request context (session, token, API client, cookies to write back). */
  forRequest(request: Request): LivepushRequestContext;
  /** The validated OAuth client configuration (for the protocol functions). */
  readonly client: OAuthClient;
  /** The resolved `basePath`. */
  readonly basePath: string;
}
