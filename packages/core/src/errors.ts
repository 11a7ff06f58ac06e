/**
 * Every way Livepush Auth can fail, as one union. Switch on `error.code`; the message says what to do.
 *
 * - `invalid_config`: options passed to a factory are wrong (the message lists every problem).
 * - `invalid_scope`: a scope string is not one of the 16 Livepush scopes.
 * - `invalid_request`: input to a public function or route is malformed (e.g. an unsafe `returnTo`).
 * - `access_denied`: the user (or Livepush) refused the authorization request.
 * - `authorization_error`: the authorization server redirected back with another OAuth `error`.
 * - `invalid_state`: the callback's `state` does not match the transaction (CSRF or a stale tab).
 * - `invalid_callback`: the callback URL is missing `code`, repeats a parameter or names another issuer (`iss`).
 * - `invalid_grant`: the code or refresh token was rejected; for a refresh this means the session is over.
 * - `token_request_failed`: the token endpoint answered with another OAuth error or an HTTP error.
 * - `network_error`: the request never got an HTTP answer (DNS, refused, reset).
 * - `timeout`: no answer before the configured timeout.
 * - `invalid_response`: the server answered with something that is not the documented JSON.
 * - `missing_scopes`: the session lacks a scope the operation needs (see `error.missingScopes`).
 * - `unauthenticated`: there is no session, or it is over.
 * - `session_error`: a session could not be sealed, opened or stored.
 * - `store_unavailable`: the configured session store could not be reached.
 * - `api_error`: a Livepush API call answered with an error status (see `LivepushApiError`).
 * - `sign_in_refused`: the app's `onSignIn` refused the sign-in (returned `false`, threw, or returned
 *   `data` that cannot be kept); the callback redirects with `?error=sign_in_refused`.
 */
export type LivepushAuthErrorCode =
  | 'invalid_config'
  | 'invalid_scope'
  | 'invalid_request'
  | 'access_denied'
  | 'authorization_error'
  | 'invalid_state'
  | 'invalid_callback'
  | 'invalid_grant'
  | 'token_request_failed'
  | 'network_error'
  | 'timeout'
  | 'invalid_response'
  | 'missing_scopes'
  | 'unauthenticated'
  | 'session_error'
  | 'store_unavailable'
  | 'api_error'
  | 'sign_in_refused';

/** Extra facts an error may carry. None of them ever holds a token or a secret. */
export interface LivepushAuthErrorDetails {
  /** The underlying failure (a `TypeError` from fetch, an `AbortError`, …). */
  cause?: unknown;
  /** The OAuth `error` value the server sent, e.g. `invalid_grant` or `access_denied`. */
  oauthError?: string;
  /** The OAuth `error_description` the server sent, if any. */
  oauthErrorDescription?: string;
  /** The HTTP status of the response that caused the error, if there was one. */
  status?: number;
  /** For `missing_scopes`: the scopes that were needed and not granted. */
  missingScopes?: readonly string[];
  /** For a 503/429 answer: seconds the server asked us to wait (`Retry-After`). */
  retryAfterSeconds?: number;
}

/**
 * The one error type Livepush Auth throws. `code` says what happened; `message` says what to do next.
 *
 * @example
 * ```ts
 * try { await refresher.refresh(tokens) }
 * catch (e) { if (e instanceof LivepushAuthError && e.code === 'invalid_grant') signOut() }
 * ```
 */
export class LivepushAuthError extends Error {
  /** What happened, from a fixed union you can switch on. */
  readonly code: LivepushAuthErrorCode;
  /** The OAuth `error` value the server sent, when there was one. */
  readonly oauthError: string | undefined;
  /** The OAuth `error_description` the server sent, when there was one. */
  readonly oauthErrorDescription: string | undefined;
  /** The HTTP status behind the error, when there was one. */
  readonly status: number | undefined;
  /** For `missing_scopes`: the scopes the operation needs that the session lacks. */
  readonly missingScopes: readonly string[] | undefined;
  /** Seconds the server asked us to wait before retrying (`Retry-After`), when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: LivepushAuthErrorCode, message: string, details: LivepushAuthErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'LivepushAuthError';
    this.code = code;
    this.oauthError = details.oauthError;
    this.oauthErrorDescription = details.oauthErrorDescription;
    this.status = details.status;
    this.missingScopes = details.missingScopes;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /**
   * True for failures that say nothing about the session itself (network, timeout, 5xx, garbled
   * answers): keep the session and try again later. `invalid_grant` is never transient.
   */
  get isTransient(): boolean {
    switch (this.code) {
      case 'network_error':
      case 'timeout':
      case 'store_unavailable':
      case 'invalid_response':
        return true;
      case 'token_request_failed':
        return this.status === undefined || this.status >= 500 || this.status === 429 || this.status === 408;
      default:
        return false;
    }
  }
}

/** True when `value` is a {@link LivepushAuthError}, optionally with the given code. */
export function isLivepushAuthError(
  value: unknown,
  code?: LivepushAuthErrorCode,
): value is LivepushAuthError {
  return value instanceof LivepushAuthError && (code === undefined || value.code === code);
}
