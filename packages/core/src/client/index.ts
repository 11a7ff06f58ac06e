/**
 * `@livepush/auth-core/client`: the tiny browser session store, the sign-in URL and the scope
 * checks the framework bindings share. No server code, no secrets.
 *
 * @packageDocumentation
 */
export type { LivepushUser } from '../api/types';
export type { LivepushAuthErrorCode } from '../errors';
export { hasScopes, type LivepushScope, missingScopes } from '../scopes';
export type { LivepushSessionData } from '../session-data';
export type { SessionPayload, SessionSummary } from '../session-payload';
export { resolveBasePath, type SignInOptions, signInUrl } from '../sign-in-url';
export { createAuthClient } from './create-auth-client';
export type {
  AuthClient,
  AuthClientError,
  AuthClientOptions,
  AuthSnapshot,
  AuthStatus,
  RefreshOptions,
  SignOutOptions,
} from './types';
