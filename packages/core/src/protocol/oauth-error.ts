/**
 * The error codes RFC 6749 defines for the authorization (§4.1.2.1) and token (§5.2) endpoints.
 * Only these are ever quoted in a message: anything else a server sends is its own text, kept
 * (redacted) on `oauthError` / `oauthErrorDescription` and never put in a message.
 */
const RFC6749_ERRORS = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'unsupported_response_type',
  'invalid_scope',
  'access_denied',
  'server_error',
  'temporarily_unavailable',
]);

/** `value` when it is one of RFC 6749's error codes, else `undefined`. @internal */
export function knownOAuthError(value: string | undefined): string | undefined {
  return value !== undefined && RFC6749_ERRORS.has(value) ? value : undefined;
}
