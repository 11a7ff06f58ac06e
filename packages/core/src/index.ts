/**
 * `@livepush/auth-core`: framework-free Livepush OAuth 2.0 — scopes, the authorization code flow,
 * the token lifecycle and the typed API client. Server pieces live in `@livepush/auth-core/server`,
 * the browser session store in `@livepush/auth-core/client`.
 *
 * @packageDocumentation
 */

export {
  createLivepushApi,
  type LivepushAccountApi,
  type LivepushApi,
  type LivepushApiOptions,
  type LivepushApiRequestInit,
  type LivepushCallOptions,
  type LivepushDestinationsApi,
  type LivepushStreamsApi,
} from './api/client';
export {
  apiForPath,
  LIVEPUSH_API_ROUTES,
  type LivepushApiMethod,
  type LivepushApiRoute,
  requiredScopeFor,
} from './api/endpoints-table';
export { LivepushApiError, type LivepushApiErrorInit } from './api/errors';
export type {
  CreatedStream,
  CreateStreamInput,
  LivepushDestination,
  LivepushRecording,
  LivepushStream,
  LivepushSubscription,
  LivepushUser,
  LivepushZone,
  StreamCategory,
} from './api/types';
export {
  createOAuthClient,
  type FetchLike,
  type OAuthClient,
  type OAuthClientOptions,
  type TokenRequestMethod,
} from './config';
export { isLoopbackHost, LIVEPUSH_ENDPOINTS, type LivepushEndpoints } from './endpoints';
export {
  isLivepushAuthError,
  LivepushAuthError,
  type LivepushAuthErrorCode,
  type LivepushAuthErrorDetails,
} from './errors';
export { createPkce, type PkcePair, pkceChallenge } from './pkce';
export {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  createAuthorizationRequest,
} from './protocol/authorize';
export { type CallbackResult, validateCallback } from './protocol/callback';
export {
  authorizationCodeGrantRequest,
  type CodeGrantInput,
  exchangeCode,
  refreshTokenGrantRequest,
  refreshTokenSet,
} from './protocol/token-request';
export {
  processTokenResponse,
  readGrantedScopes,
  type TokenResponseContext,
} from './protocol/token-response';
export type { TokenSet } from './protocol/token-set';
export {
  ACCOUNTS_SCOPES,
  describeScope,
  type FormatScopesOptions,
  formatScopes,
  hasScopes,
  isLivepushScope,
  LIVEPUSH_SCOPES,
  type LivepushApiName,
  type LivepushScope,
  missingScopes,
  parseScopes,
  SCOPES_BY_API,
  type ScopesInput,
  STREAMS_SCOPES,
  scopeApi,
  unionScopes,
} from './scopes';
export type { SessionPayload, SessionSummary } from './session-payload';
export { DEFAULT_EXPIRY_LEEWAY_SECONDS, type ExpiryOptions, isExpired } from './tokens/expiry';
export { createRefresher, type Refresher, type RefresherOptions } from './tokens/refresher';
