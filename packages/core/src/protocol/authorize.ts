import type { OAuthClient } from '../config';
import { randomToken } from '../encoding';
import { createPkce } from '../pkce';
import { formatScopes, type LivepushScope, parseScopes, type ScopesInput } from '../scopes';

/** What to remember (server-side, sealed) between the redirect to Livepush and the callback. */
export interface AuthorizationRequest {
  /** The URL to send the user to. */
  url: URL;
  /** The `state` value (256 bits of randomness) the callback must echo. */
  state: string;
  /** The PKCE verifier, when PKCE is on. Secret: keep it server-side. */
  codeVerifier?: string;
  /** The scopes asked for, in canonical order. */
  scopes: LivepushScope[];
}

/** Options of {@link createAuthorizationRequest}. */
export interface AuthorizationRequestOptions {
  /** Scopes to ask for. Default: the client's `scopes`. */
  scopes?: ScopesInput;
  /** Extra query parameters for the authorize URL (e.g. `prompt`). Reserved OAuth names are refused. */
  extraParams?: Readonly<Record<string, string>>;
}

const RESERVED = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
]);

/**
 * Builds the authorization URL of the code flow with a fresh `state` and, by default, PKCE S256.
 *
 * @throws {LivepushAuthError} `invalid_scope` for an unknown scope.
 * @example
 * ```ts
 * const { url, state, codeVerifier } = await createAuthorizationRequest(client, { scopes: ['streams.read'] })
 * ```
 */
export async function createAuthorizationRequest(
  client: OAuthClient,
  options: AuthorizationRequestOptions = {},
): Promise<AuthorizationRequest> {
  const scopes = options.scopes === undefined ? [...client.scopes] : parseScopes(options.scopes);
  const state = randomToken(32);
  const url = new URL(client.endpoints.authorize);
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', client.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', formatScopes(scopes, { separator: client.scopeSeparator }));
  url.searchParams.set('state', state);
  for (const [name, value] of Object.entries(options.extraParams ?? {})) {
    if (!RESERVED.has(name)) url.searchParams.set(name, value);
  }
  if (!client.pkce) return { url, state, scopes };
  const pkce = await createPkce();
  url.searchParams.set('code_challenge', pkce.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return { url, state, codeVerifier: pkce.verifier, scopes };
}
