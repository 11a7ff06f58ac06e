import type { LivepushAuthError, LivepushAuthErrorCode } from '../errors';
import { jsonResponse } from './responses';

/** The HTTP status our handler answers with for an error it can describe. */
function statusFor(error: LivepushAuthError): number {
  switch (error.code) {
    case 'unauthenticated':
      return 401;
    case 'missing_scopes':
      return 403;
    case 'timeout':
      return 504;
    case 'store_unavailable':
      return 503;
    case 'invalid_request':
      // A refusal that names its own status (405 wrong method, 403 other site, 413 too large).
      return error.status !== undefined && error.status >= 400 && error.status < 500 ? error.status : 400;
    case 'invalid_scope':
      return 400;
    case 'sign_in_refused':
      return 403;
    case 'invalid_config':
      // The server's own setup (e.g. signing out everywhere without a session store).
      return 500;
    case 'api_error':
      // Livepush's own refusal of this call (a 4xx) keeps its status; its failures are a bad gateway.
      if (error.status !== undefined && error.status >= 400 && error.status < 500) return error.status;
      return error.status === 503 || error.status === 504 ? error.status : 502;
    default:
      // An upstream failure we can describe: 503/504 pass on as such, anything else is a bad gateway.
      return error.status === 503 || error.status === 504 ? error.status : 502;
  }
}

/**
 * What the browser reads for each code: a fixed text, never `error.message`, which may name the
 * request, and never anything Livepush (or a gateway) said — that stays, redacted, on the error's
 * server-side fields for `onError` and the logs.
 */
const BROWSER_MESSAGES: Readonly<Record<LivepushAuthErrorCode, string>> = {
  invalid_config: 'Livepush sign-in is not configured correctly on this server.',
  invalid_scope: 'The requested scopes are unknown or not allowed for this app.',
  invalid_request: 'The request is malformed.',
  access_denied: 'Livepush access was denied.',
  authorization_error: 'Livepush refused the sign-in request.',
  invalid_state: 'The sign-in expired or was started elsewhere; start again.',
  invalid_callback: 'The sign-in answer was malformed; start again.',
  invalid_grant: 'The Livepush grant is no longer valid; sign in again.',
  token_request_failed: 'Livepush could not issue tokens; try again later.',
  network_error: 'Livepush could not be reached; try again.',
  timeout: 'Livepush did not answer in time; try again.',
  invalid_response: 'Livepush answered with something unexpected; try again later.',
  missing_scopes: 'The session lacks a scope this call needs (see "missing"); sign in again asking for it.',
  unauthenticated: 'Not signed in with Livepush, or the session ended; sign in.',
  session_error: 'The session could not be read or written; try again.',
  store_unavailable: 'The session store is unavailable; try again shortly.',
  api_error: 'The Livepush API answered with an error.',
  sign_in_refused: 'This app did not accept the sign-in of this Livepush account.',
};

/** Fixed texts for the refusals that carry their own status. */
const REFUSALS: ReadonlyMap<number, string> = new Map([
  [403, 'This request must come from this site.'],
  [405, 'This route does not take this method (see the Allow header).'],
  [413, 'The request body is too large (1 MB at most).'],
]);

/**
 * A short, fixed text for a Livepush Auth error code, written for people: for pages that show why a
 * sign-in failed (the `?error=<code>` it comes back with). A code it does not know gets a generic
 * text — never the code itself, which anyone can put in a link.
 *
 * @example describeErrorCode(url.searchParams.get('error') ?? '') // 'Livepush access was denied.'
 */
export function describeErrorCode(code: string): string {
  return Object.hasOwn(BROWSER_MESSAGES, code)
    ? BROWSER_MESSAGES[code as LivepushAuthErrorCode]
    : 'Signing in with Livepush failed; try again.';
}

/** The browser's text for `error`: one per code (and per refusal status), whatever caused it. */
function browserMessage(error: LivepushAuthError): string {
  if (error.code === 'invalid_request' && error.status !== undefined)
    return REFUSALS.get(error.status) ?? BROWSER_MESSAGES.invalid_request;
  return BROWSER_MESSAGES[error.code] ?? BROWSER_MESSAGES.session_error;
}

/** A JSON error body for the browser: a code and a fixed text for it, never a token or Livepush's words. */
export function errorResponse(error: LivepushAuthError, setCookies: readonly string[] = []): Response {
  const body: Record<string, unknown> = { code: error.code, message: browserMessage(error) };
  if (error.missingScopes) body.missing = error.missingScopes;
  const response = jsonResponse(body, statusFor(error), setCookies);
  if (error.retryAfterSeconds !== undefined)
    response.headers.set('retry-after', String(error.retryAfterSeconds));
  return response;
}
