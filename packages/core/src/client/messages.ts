import type { LivepushAuthErrorCode } from '../errors';
import type { AuthClientError } from './types';

/** Every {@link LivepushAuthErrorCode}, as one string to stay small in the browser bundle. */
const CODES =
  ' invalid_config invalid_scope invalid_request access_denied authorization_error invalid_state invalid_callback invalid_grant token_request_failed network_error timeout invalid_response missing_scopes unauthenticated session_error store_unavailable api_error ';

/** Messages for the codes a person is likely to meet; the rest get a generic one. */
const MESSAGES: { readonly [code in LivepushAuthErrorCode]?: string } = {
  access_denied: 'Sign-in was cancelled.',
  invalid_state: 'Sign-in expired or was started in another tab. Please try again.',
  invalid_callback: 'Sign-in could not be completed. Please try again.',
  invalid_grant: 'Your sign-in has expired. Please sign in again.',
  invalid_scope: 'The app asked for a permission Livepush does not know.',
  network_error: 'Could not reach the server. Check your connection.',
  timeout: 'The server took too long to answer. Please try again.',
  invalid_response: 'The server answered unexpectedly. Please try again later.',
  unauthenticated: 'Please sign in.',
  missing_scopes: 'The app needs more permissions. Please sign in again.',
};

/** A store error for `code`, with a message written for people. @internal */
export function clientError(code: LivepushAuthErrorCode): AuthClientError {
  return { code, message: MESSAGES[code] ?? 'Sign-in failed. Please try again.' };
}

/** True when `value` is a {@link LivepushAuthErrorCode}. @internal */
export function isErrorCode(value: string): value is LivepushAuthErrorCode {
  return /^[a-z_]+$/.test(value) && CODES.includes(` ${value} `);
}
