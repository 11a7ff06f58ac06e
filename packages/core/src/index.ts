/**
 * `@livepush/auth-core`: framework-free Livepush OAuth 2.0 — the 16 scopes, the typed errors, the
 * endpoint URLs and the typed Livepush API client. Server pieces live in
 * `@livepush/auth-core/server`, the browser session store in `@livepush/auth-core/client`, and the
 * low-level OAuth functions (for building your own flow) in `@livepush/auth-core/protocol`.
 *
 * @packageDocumentation
 */

export type { LivepushApiName } from './api/api-for-path';
export {
  createLivepushApi,
  type LivepushAccountApi,
  type LivepushApi,
  type LivepushApiOptions,
  type LivepushApiRequestInit,
  type LivepushCallOptions,
  type LivepushDestinationsApi,
  type LivepushStreamsApi,
  type LivepushVodApi,
} from './api/client';
export {
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
  LivepushVideoMetadata,
  LivepushZone,
  StreamCategory,
} from './api/types';
export { LIVEPUSH_ENDPOINTS, type LivepushEndpointOverrides, type LivepushEndpoints } from './endpoints';
export {
  isLivepushAuthError,
  LivepushAuthError,
  type LivepushAuthErrorCode,
  type LivepushAuthErrorDetails,
} from './errors';
export type { TokenSet } from './protocol/token-set';
export {
  describeScope,
  formatScopes,
  hasScopes,
  isLivepushScope,
  LIVEPUSH_SCOPES,
  type LivepushScope,
  missingScopes,
  parseScopes,
  SCOPES_BY_API,
  type ScopesInput,
} from './scopes';
export type { LivepushSessionData } from './session-data';
