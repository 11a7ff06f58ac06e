import type { LivepushAuthErrorCode } from '../errors';
import type { AuthClientError } from './types';

/**
 * What the store says for each code it can show — the codes the callback route reports in `?error=`
 * and the store's own `network_error`/`invalid_response` — one short sentence a person can act on,
 * from the README's Troubleshooting table. One line a code; a code not listed here is not the SDK's
 * (an app's own `?error=`) and is left alone.
 */
const MESSAGES: Partial<Record<LivepushAuthErrorCode, string>> = {
  access_denied: 'Sign-in was cancelled.',
  authorization_error: 'Livepush refused the sign-in; try again later.',
  invalid_state:
    'Sign-in was started elsewhere: open the app on the host of its redirectUri (localhost ≠ 127.0.0.1) and try again.',
  invalid_callback: 'Livepush sent an incomplete answer; sign in again.',
  invalid_grant: 'Your Livepush session ended; sign in again.',
  invalid_response: 'The server gave an unexpected answer; try again.',
  invalid_scope: 'This app asked for a permission it may not ask for.',
  token_request_failed: 'Livepush refused this app (check its client ID and secret) or is down.',
  network_error: 'The server could not be reached; check your connection and try again.',
  timeout: 'Livepush took too long to answer; try again.',
  session_error: 'Your session could not be saved; try again.',
  store_unavailable: 'Sessions are unavailable right now; try again shortly.',
};

/**
 * A store error for `code`, with the text people see for it; apps can map `code` to their own.
 * @internal
 */
export function clientError(code: LivepushAuthErrorCode): AuthClientError {
  return { code, message: MESSAGES[code] ?? (MESSAGES.invalid_response as string) };
}

/** True when `value` is a code the callback route reports in `?error=`. @internal */
export function isErrorCode(value: string | null | undefined): value is LivepushAuthErrorCode {
  return Object.hasOwn(MESSAGES, value ?? '');
}
