import type { LivepushApi } from '../api/client';
import type { LivepushUser } from '../api/types';
import type { OAuthClientOptions } from '../config';
import type { LivepushAuthError } from '../errors';
import type { LivepushScope, ScopesInput } from '../scopes';
import type { LivepushSessionData } from '../session-data';
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

/**
 * What happened to a session, for {@link LivepushAuthOptions.onSession}: `signIn`, `refresh` (new
 * tokens), `signOut` (the user signed out), `revoked` (`signOutUser` ended a user's sessions, or a
 * refresh found the grant revoked at Livepush).
 */
export interface SessionEvent {
  type: 'signIn' | 'refresh' | 'signOut' | 'revoked';
  /** The session after the event (`null` after sign-out and revocation). Never holds a token. */
  session: SessionSummary | null;
  /** The Livepush user the event is about, when known. */
  userId: string | null;
}

/** What {@link LivepushAuthOptions.onSignIn} gets: who signed in, after the code exchange. */
export interface SignInContext {
  /** The profile that will be kept in the session (see `fetchUser`), or `null`. */
  user: LivepushUser | null;
  /** The Livepush user id, when known (the profile's `id`). */
  userId: string | null;
  /** The scopes Livepush granted. */
  scopes: LivepushScope[];
  /** The callback request (its cookies, headers, user agent). */
  request: Request;
}

/**
 * What {@link LivepushAuthOptions.onSignIn} returns: `false` refuses the sign-in; `{ data }` keeps
 * the app's own data in the session; nothing (or `{}`) lets the sign-in through as it is.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook that only watches may return nothing.
export type SignInResult = false | void | undefined | { data?: LivepushSessionData | undefined };

/** The `session` group of {@link LivepushAuthOptions}: how long a session lives. */
export interface LivepushSessionOptions {
  /** Absolute lifetime of a session, in seconds, from sign-in (the cookie's `Max-Age` too). Default 30 days. */
  maxAgeSeconds?: number | undefined;
  /**
   * End a session that has not been used for this many seconds (rolling: every request that reads
   * the session extends it; the last use is written back at most once a minute). Enforced on the
   * server's clock, inside the sealed record (cookie mode) or the store record, next to the absolute
   * `maxAgeSeconds`. A positive integer, at most `maxAgeSeconds`. Default: no idle timeout.
   */
  idleTimeoutSeconds?: number | undefined;
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
  /**
   * Runs at sign-in, after the code exchange and the profile, before the session is saved: link the
   * Livepush account to your own, refuse some users, keep your own data in the session. Return
   * `false` to refuse (no session; the callback redirects with `?error=sign_in_refused`), or
   * `{ data }` to keep `data` (a small JSON object, visible to the browser: no secrets) in the
   * session. A throw refuses the sign-in too: the error goes to `onError` (as the `cause` of a
   * `sign_in_refused` error), never to the browser.
   *
   * @example onSignIn: async ({ userId }) => (await db.isBanned(userId) ? false : { data: { role: 'member' } })
   */
  onSignIn?: ((context: SignInContext) => SignInResult | Promise<SignInResult>) | undefined;
  /** Refresh access tokens this many seconds before they expire. Default 60. */
  leewaySeconds?: number | undefined;
  /** Origins (besides the request's own) allowed to POST logout and call unsafe API methods. */
  trustedOrigins?: readonly string[] | undefined;
  /** Called after sign-in, refresh, sign-out and revocation (audit). Errors it throws are logged, not propagated. */
  onSession?: ((event: SessionEvent) => void | Promise<void>) | undefined;
  /** Called for every error the handler turns into a response. */
  onError?: ((error: LivepushAuthError, context: { route: string }) => void) | undefined;
  /** Log sink. Default: `console` for warnings and errors; debug lines only with `debug: true`. */
  logger?: LivepushLogger | undefined;
  /** Emit debug log lines. Default `false`. */
  debug?: boolean | undefined;
}
