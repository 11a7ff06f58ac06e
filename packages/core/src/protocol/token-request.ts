import type { OAuthClient } from '../config';
import { LivepushAuthError } from '../errors';
import type { LivepushScope } from '../scopes';
import { sendRequest } from '../transport';
import { processTokenResponse } from './token-response';
import type { TokenSet } from './token-set';

/** `application/x-www-form-urlencoded` encoding of one value (spaces as `+`), as RFC 6749 §2.3.1 asks. */
const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

/**
 * `Authorization: Basic` for the client (RFC 6749 §2.3.1): id and secret form-encoded first, so a
 * `:` or non-ASCII character in either survives; the result is ASCII, so `btoa` is safe.
 */
function basicAuthorization(client: OAuthClient): string {
  return `Basic ${btoa(`${formEncode(client.clientId)}:${formEncode(client.clientSecret)}`)}`;
}

function tokenRequest(
  client: OAuthClient,
  params: Record<string, string>,
  what: string,
  signal?: AbortSignal,
): Promise<Response> {
  const body = new URLSearchParams(params);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (client.tokenEndpointAuthMethod === 'client_secret_basic') {
    headers.authorization = basicAuthorization(client);
  } else {
    body.set('client_id', client.clientId);
    body.set('client_secret', client.clientSecret);
  }
  const init: RequestInit = signal ? { signal } : {};
  const label = `the ${what}`;
  if (client.tokenRequestMethod === 'POST') {
    const post = { ...init, method: 'POST', headers, body };
    return sendRequest(client.fetch, client.timeoutMs, client.endpoints.token, post, label);
  }
  // Livepush documents the token request as a GET with every parameter in the query string.
  // This URL carries the client secret: it goes to the token endpoint and nowhere else, never to a log.
  const url = new URL(client.endpoints.token);
  for (const [name, value] of body) url.searchParams.set(name, value);
  return sendRequest(client.fetch, client.timeoutMs, url, { ...init, method: 'GET', headers }, label);
}

/** Options of {@link authorizationCodeGrantRequest}. */
export interface CodeGrantInput {
  /** The code from {@link validateCallback}. */
  code: string;
  /** The PKCE verifier of the pending request, when PKCE was used. */
  codeVerifier?: string | undefined;
  /** Aborts the request early. */
  signal?: AbortSignal;
}

/** Sends the authorization code grant (the I/O half; pair it with {@link processTokenResponse}). */
export function authorizationCodeGrantRequest(client: OAuthClient, input: CodeGrantInput): Promise<Response> {
  if (typeof input?.code !== 'string' || input.code === '') {
    throw new LivepushAuthError(
      'invalid_request',
      'An authorization code is required; take it from validateCallback().',
    );
  }
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: client.redirectUri,
  };
  if (input.codeVerifier) params.code_verifier = input.codeVerifier;
  return tokenRequest(client, params, 'code exchange', input.signal);
}

/** Sends the refresh token grant (the I/O half; pair it with {@link processTokenResponse}). */
export function refreshTokenGrantRequest(
  client: OAuthClient,
  refreshToken: string,
  signal?: AbortSignal,
): Promise<Response> {
  if (typeof refreshToken !== 'string' || refreshToken === '') {
    throw new LivepushAuthError(
      'unauthenticated',
      'There is no refresh token to use; sign the user in again.',
    );
  }
  return tokenRequest(
    client,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    'token refresh',
    signal,
  );
}

/**
 * Exchanges an authorization code for a {@link TokenSet}.
 *
 * @param requestedScopes - the scopes of the authorization request, granted when the response names none.
 * @throws {LivepushAuthError} `invalid_grant`, `token_request_failed`, `invalid_response`, `network_error`, `timeout`.
 */
export async function exchangeCode(
  client: OAuthClient,
  input: CodeGrantInput & { requestedScopes: readonly LivepushScope[] },
): Promise<TokenSet> {
  const response = await authorizationCodeGrantRequest(client, input);
  return processTokenResponse(client, response, {
    requestedScopes: input.requestedScopes,
    secrets: [input.code, input.codeVerifier],
  });
}

/**
 * Refreshes a token set once (no deduplication: use {@link createRefresher} for that). Keeps the old
 * refresh token when the response carries none, and the old scopes when it names none.
 */
export async function refreshTokenSet(
  client: OAuthClient,
  tokens: TokenSet,
  signal?: AbortSignal,
): Promise<TokenSet> {
  if (!tokens.refreshToken) {
    throw new LivepushAuthError(
      'unauthenticated',
      'The access token expired and Livepush issued no refresh token; sign the user in again.',
    );
  }
  const response = await refreshTokenGrantRequest(client, tokens.refreshToken, signal);
  return processTokenResponse(client, response, { requestedScopes: tokens.scopes, previous: tokens });
}
