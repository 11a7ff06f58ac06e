import type { OAuthClient } from '../config';
import { LivepushAuthError } from '../errors';
import { isLivepushScope, type LivepushScope, unionScopes } from '../scopes';
import { redact, retryAfterSeconds } from '../transport';
import { knownOAuthError } from './oauth-error';
import type { TokenSet } from './token-set';

/** Context of {@link processTokenResponse}. */
export interface TokenResponseContext {
  /** Scopes asked for: the granted scopes when the response has no `scope` field. */
  requestedScopes: readonly LivepushScope[];
  /** The token set being refreshed: its refresh token is kept when the response omits one. */
  previous?: TokenSet;
  /** Values that must never show up on an error (the code, the PKCE verifier), besides the client secret. */
  secrets?: readonly (string | undefined)[];
}

const MAX_BODY = 64 * 1024;

/** Reads scopes back from a `scope` field, accepting space- or comma-separated lists; unknown ones are ignored. */
export function readGrantedScopes(scope: string): LivepushScope[] {
  return unionScopes(scope.split(/[\s,]+/).filter(isLivepushScope));
}

/** The longest piece of server text (`error`, `error_description`) kept on an error. */
const MAX_TEXT = 300;

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Turns a token endpoint response into a {@link TokenSet}, or a typed error: an RFC 6749 §5.2 error
 * becomes `invalid_grant` (the code or refresh token is dead) or `token_request_failed`; any other
 * non-2xx becomes `token_request_failed` with its `status`; a 2xx whose body is not the documented
 * JSON becomes `invalid_response`.
 */
export async function processTokenResponse(
  client: OAuthClient,
  response: Response,
  context: TokenResponseContext,
): Promise<TokenSet> {
  const secrets: (string | undefined)[] = [client.clientSecret, ...(context.secrets ?? [])];
  if (context.previous?.refreshToken) secrets.push(context.previous.refreshToken);
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new LivepushAuthError(
      'network_error',
      'The connection to Livepush broke while reading the token response; try again.',
      { cause: new Error(cause instanceof Error ? cause.name : 'read failed'), status: response.status },
    );
  }
  const body = text.length > MAX_BODY ? null : parseJsonObject(text);
  if (!response.ok) {
    const status = response.status;
    const raw = typeof body?.error === 'string' ? body.error.trim() : undefined;
    // The server's own words may echo the request (the secret, the code): kept redacted, on fields.
    const oauthError = raw === undefined ? undefined : redact(raw, secrets, MAX_TEXT);
    const description =
      typeof body?.error_description === 'string'
        ? redact(body.error_description, secrets, MAX_TEXT)
        : undefined;
    const retryAfter = retryAfterSeconds(response.headers, client.now());
    const details = {
      status,
      ...(oauthError === undefined ? {} : { oauthError }),
      ...(description === undefined ? {} : { oauthErrorDescription: description }),
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    };
    // Messages are ours alone: an RFC 6749 code at most, never the server's text.
    const known = knownOAuthError(raw);
    if (known === 'invalid_grant') {
      throw new LivepushAuthError(
        'invalid_grant',
        'Livepush rejected the grant (invalid_grant). The code or refresh token is no longer valid: sign the user in again.',
        details,
      );
    }
    const hint =
      status >= 500 || status === 429
        ? 'Livepush is having trouble; this is usually temporary, try again shortly.'
        : known === 'invalid_client'
          ? 'Check the client ID and client secret.'
          : client.tokenRequestMethod === 'GET' && (status === 404 || status === 405)
            ? `This token endpoint does not answer Livepush's documented GET: if it is a standard OAuth 2.0 server, set tokenRequestMethod: 'POST' (and check endpoints.token).`
            : 'Check the client configuration and the request.';
    throw new LivepushAuthError(
      'token_request_failed',
      `The Livepush token endpoint answered HTTP ${status}${known ? ` with "${known}"` : ''}. ${hint}${description ? ' Its description (redacted) is on error.oauthErrorDescription.' : ''}`,
      details,
    );
  }
  if (body === null) {
    const kind =
      text.trim() === '' ? 'an empty body' : /^\s*</.test(text) ? 'an HTML page' : 'a body that is not JSON';
    throw new LivepushAuthError(
      'invalid_response',
      `The Livepush token endpoint answered HTTP ${response.status} with ${kind} instead of token JSON. Check endpoints.token; if it is right, try again later.`,
      { status: response.status },
    );
  }
  return toTokenSet(client, body, context, response.status);
}

function toTokenSet(
  client: OAuthClient,
  body: Record<string, unknown>,
  context: TokenResponseContext,
  status: number,
): TokenSet {
  const invalid = (what: string) =>
    new LivepushAuthError(
      'invalid_response',
      `The token response ${what}; it does not match Livepush's documented format.`,
      {
        status,
      },
    );
  const { access_token, refresh_token, token_type, expires_in, scope } = body;
  if (typeof access_token !== 'string' || access_token === '') throw invalid('has no access_token string');
  if (refresh_token !== undefined && refresh_token !== null && typeof refresh_token !== 'string') {
    throw invalid('has a refresh_token that is not a string');
  }
  if (token_type !== undefined && typeof token_type !== 'string')
    throw invalid('has a token_type that is not a string');
  let expiresIn = client.defaultExpiresInSeconds;
  if (expires_in !== undefined && expires_in !== null) {
    const n = typeof expires_in === 'string' && /^\d+$/.test(expires_in) ? Number(expires_in) : expires_in;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
      throw invalid('has an expires_in that is not a number of seconds');
    expiresIn = n;
  }
  if (scope !== undefined && scope !== null && typeof scope !== 'string')
    throw invalid('has a scope that is not a string');
  // A `scope` field names what was granted, even when it is empty (nothing was); only its absence
  // means "as requested" (RFC 6749 §5.1).
  const scopes = typeof scope === 'string' ? readGrantedScopes(scope) : [...context.requestedScopes];
  const refreshToken =
    typeof refresh_token === 'string' && refresh_token !== ''
      ? refresh_token
      : context.previous?.refreshToken;
  const issuedAt = client.now();
  const tokens: TokenSet = {
    accessToken: access_token,
    tokenType: typeof token_type === 'string' ? token_type : 'Bearer',
    expiresAt: issuedAt + expiresIn * 1000,
    issuedAt,
    scopes,
  };
  if (refreshToken) tokens.refreshToken = refreshToken;
  return tokens;
}
