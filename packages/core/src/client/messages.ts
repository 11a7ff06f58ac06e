import type { LivepushAuthErrorCode } from '../errors';
import type { AuthClientError } from './types';

/** The codes the callback route puts in `?error=`; any other `error` parameter is the app's own. */
const CALLBACK_CODES =
  /^(access_denied|authorization_error|invalid_(state|callback|grant|response|scope)|token_request_failed|network_error|timeout|session_error|store_unavailable|sign_in_refused)$/;

/**
 * A store error for `code`, with a message written for people. Only a refused consent is common
 * enough to deserve its own words in the browser bundle; apps can map `code` to their own text.
 * @internal
 */
export function clientError(code: LivepushAuthErrorCode): AuthClientError {
  if (code === 'sign_in_refused') return { code, message: 'This account cannot sign in to this app.' };
  return {
    code,
    message: code === 'access_denied' ? 'Sign-in was cancelled.' : 'Something went wrong. Please try again.',
  };
}

/** True when `value` is a code the callback route reports in `?error=`. @internal */
export function isErrorCode(value: string | null | undefined): value is LivepushAuthErrorCode {
  // `test` reads a missing value as "null"/"undefined": no code.
  return CALLBACK_CODES.test(value as string);
}
