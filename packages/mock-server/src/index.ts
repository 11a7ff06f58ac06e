/**
 * `@livepush/mock-server`: a faithful local Livepush — the OAuth 2.0 server and a slice of the REST
 * API — for demos, the SDK's own tests and your tests.
 *
 * @packageDocumentation
 */
export { DEFAULT_CLIENT } from './clients';
export { mockEndpoints } from './endpoints';
export { LIVEPUSH_MOCK_SCOPES, type MockScope, type MockScopeApi } from './scopes';
export { startMockLivepush } from './server';
export type {
  MockClient,
  MockConsentMode,
  MockEchoFault,
  MockEndpoints,
  MockFault,
  MockIssuedTokens,
  MockLivepush,
  MockLivepushOptions,
  MockRefreshTokenReuse,
  MockStats,
  MockTokenResponse,
  MockUser,
} from './types';
