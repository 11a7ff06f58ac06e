/**
 * `@livepush/auth-core/protocol`: the stateless OAuth 2.0 functions `createLivepushAuth` is built
 * on, as request/response pairs (the oauth4webapi habit), for people who build their own flow: a
 * validated client, the authorize URL with state and PKCE, the callback check, the code and refresh
 * grants and their processing into a {@link TokenSet}, expiry, and a single-flight refresher.
 *
 * @packageDocumentation
 */

export {
  createOAuthClient,
  type OAuthClient,
  type OAuthClientOptions,
  type TokenEndpointAuthMethod,
  type TokenRequestMethod,
} from '../config';
export { createPkce, type PkcePair, pkceChallenge } from '../pkce';
export { DEFAULT_EXPIRY_LEEWAY_SECONDS, type ExpiryOptions, isExpired } from '../tokens/expiry';
export { createRefresher, type Refresher, type RefresherOptions } from '../tokens/refresher';
export type { FetchLike } from '../transport';
export {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  createAuthorizationRequest,
} from './authorize';
export { type CallbackResult, validateCallback } from './callback';
export {
  authorizationCodeGrantRequest,
  type CodeGrantInput,
  exchangeCode,
  refreshTokenGrantRequest,
  refreshTokenSet,
} from './token-request';
export { processTokenResponse, readGrantedScopes, type TokenResponseContext } from './token-response';
export type { TokenSet } from './token-set';
