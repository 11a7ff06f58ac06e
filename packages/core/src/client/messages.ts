import type { LivepushAuthErrorCode } from '../errors';
import type { AuthClientError } from './types';

/**
 * What the store says for each code — one short sentence a person can act on, from the README's
 * Troubleshooting table ("what to do"). One line a code (a new code must get one: the type says so).
 * A value in `?error=` that is not one of these is the app's own and is left alone.
 */
const MESSAGES: Readonly<Record<LivepushAuthErrorCode, string>> = {
  invalid_config: 'Sign-in is misconfigured on this server; see its log.',
  invalid_scope: 'This app asked for a permission it may not use.',
  invalid_request: 'Request refused; reload the page and try again.',
  access_denied: 'Sign-in was cancelled.',
  authorization_error: 'Livepush refused the sign-in; try again later.',
  invalid_state:
    'Sign-in started elsewhere: open the app on the host of its redirectUri (localhost ≠ 127.0.0.1) and try again.',
  invalid_callback: 'Incomplete answer from Livepush; sign in again.',
  invalid_grant: 'Your Livepush session ended; sign in again.',
  token_request_failed: 'Livepush refused this app (client ID and secret?) or is down.',
  network_error: 'Server unreachable; check your connection and try again.',
  timeout: 'Livepush took too long to answer; try again.',
  invalid_response: 'Unexpected answer from the server; try again.',
  missing_scopes: 'Sign in again to grant the permission this needs.',
  unauthenticated: 'You are signed out; sign in to continue.',
  session_error: 'Your session could not be saved; try again.',
  store_unavailable: 'Sessions are unavailable; try again shortly.',
  api_error: 'Livepush refused this request; try again later.',
  sign_in_refused: 'This account cannot sign in to this app.',
};

/**
 * A store error for `code`, with the text people see for it; apps can map `code` to their own.
 * @internal
 */
export function clientError(code: LivepushAuthErrorCode): AuthClientError {
  return { code, message: MESSAGES[code] ?? MESSAGES.invalid_response };
}

/** True when `value` is one of the SDK's codes (what the callback route reports in `?error=`). @internal */
export function isErrorCode(value: string | null | undefined): value is LivepushAuthErrorCode {
  return Object.hasOwn(MESSAGES, value ?? '');
}
