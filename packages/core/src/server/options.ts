import type { LivepushApi } from '../api/client';
import type { LivepushUser } from '../api/types';
import type { OAuthClientOptions } from '../config';
import type { LivepushAuthError } from '../errors';
import type { LivepushScope, ScopesInput } from '../scopes';
import type { SessionSummary } from '../session-payload';
import type { SessionStore } from './store';

/** What a `fetchUser` function gets at sign-in. */
export interface FetchUserContext {
  /** The typed Livepush API client, acting as the user who just signed in. */
  api: LivepushApi;
  /** The scopes Livepush granted. */
  scopes: LivepushScope[];
  /** The callback request. */
  request: Request;
}

/** Where log lines go. Tokens, secrets and codes are never passed to it. */
export interface LivepushLogger {
  debug(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** What happened to a session, for {@link LivepushAuthOptions.onSession}. */
export interface SessionEvent {
  type: 'signIn' | 'refresh' | 'signOut';
  /** The session after the event (`null` after sign-out). Never holds a token. */
  session: SessionSummary | null;
}

/** The `session` group of {@link LivepushAuthOptions}: how long a session lives. */
export interface LivepushSessionOptions {
  /** Absolute lifetime of a session, in seconds, from sign-in (the cookie's `Max-Age` too). Default 30 days. */
  maxAgeSeconds?: number | undefined;
}

/** The `cookies` group of {@link LivepushAuthOptions}: how the cookies are named. */
export interface LivepushCookieSettings {
  /**
   * Base name of the session cookie. Default `livepush_session`; on https it gets the `__Host-`
   * prefix, and pending sign-ins use `<name>_tx.<id>`.
   */
  name?: string | undefined;
}

/** Options of `createLivepushAuth`. Validated once; every problem is reported in one `invalid_config` error. */
export interface LivepushAuthOptions extends OAuthClientOptions {
  /**
   * The secret(s) sessions are sealed with: at least 32 characters each. Pass an array to rotate keys:
   * the first seals, all of them open.
   */
  secret: string | readonly string[];
  /** Where the handler's routes live. Default `/auth`. */
  basePath?: string | undefined;
  /**
   * Every scope a sign-in may ask Livepush for: `{basePath}/login?scope=…` (and so `signIn({ scopes })`,
   * `signInUrl()`, `requireScopes()`) asking for any other answers 400 `invalid_scope` without
   * calling Livepush, so a link on another site cannot make your app ask users for more than it
   * needs. Default: `scopes`. List here the scopes you ask for later (incremental consent); it must
   * include every scope of `scopes`.
   *
   * @example scopes: ['profile.read', 'streams.read'], allowedScopes: ['profile.read', 'streams.read', 'streams.create']
   */
  allowedScopes?: ScopesInput | undefined;
  /** Session lifetime. */
  session?: LivepushSessionOptions | undefined;
  /** Cookie names. */
  cookies?: LivepushCookieSettings | undefined;
  /** Keep session records server-side (the cookie then carries only a random id). Default: in the cookie. */
  store?: SessionStore | undefined;
  /** Where `POST {basePath}/logout` redirects form posts. Default `/`. */
  afterLogoutPath?: string | undefined;
  /**
   * The user profile kept in the session (sealed with it, and shown by `{basePath}/session`).
   * `true` (default): the fields Livepush documents for `GET /account/this` (`id`, `username`, `name`,
   * `email`, `avatar`, `ns`, `isDisabled`, `createdAt`, `preferences`, `billingInfo.email/name`) when
   * `profile.read` is granted, and nothing else it returns. `false`: no profile (`user` is `null`).
   * A function: called once at sign-in with an API client acting as the new user; what it returns
   * (an object, or `null`) is the profile — the way to keep more, or less. Keep it small: it travels
   * in the session cookie unless you use a `store`. A failure leaves `user` `null`, never the sign-in.
   *
   * @example fetchUser: async ({ api }) => ({ ...(await api.account.get()), plan: 'pro' })
   */
  fetchUser?:
    | boolean
    | ((context: FetchUserContext) => Promise<LivepushUser | null> | LivepushUser | null)
    | undefined;
  /** Refresh access tokens this many seconds before they expire. Default 60. */
  leewaySeconds?: number | undefined;
  /** Origins (besides the request's own) allowed to POST logout and call unsafe API methods. */
  trustedOrigins?: readonly string[] | undefined;
  /** Called after sign-in, refresh and sign-out. Errors it throws are logged, not propagated. */
  onSession?: ((event: SessionEvent) => void | Promise<void>) | undefined;
  /** Called for every error the handler turns into a response. */
  onError?: ((error: LivepushAuthError, context: { route: string }) => void) | undefined;
  /** Log sink. Default: `console` for warnings and errors; debug lines only with `debug: true`. */
  logger?: LivepushLogger | undefined;
  /** Emit debug log lines. Default `false`. */
  debug?: boolean | undefined;
}
