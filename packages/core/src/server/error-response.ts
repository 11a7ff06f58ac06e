import type { LivepushAuthError } from '../errors';
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
    default:
      // An upstream failure we can describe: 503/504 pass on as such, anything else is a bad gateway.
      return error.status === 503 || error.status === 504 ? error.status : 502;
  }
}

/** A JSON error body for the browser: a code and a readable message, never a token. */
export function errorResponse(error: LivepushAuthError, setCookies: readonly string[] = []): Response {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.missingScopes) body.missing = error.missingScopes;
  const response = jsonResponse(body, statusFor(error), setCookies);
  if (error.retryAfterSeconds !== undefined)
    response.headers.set('retry-after', String(error.retryAfterSeconds));
  return response;
}
