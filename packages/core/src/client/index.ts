/**
 * `@livepush/auth-core/client`: the tiny browser session store. No server code, no secrets.
 *
 * @packageDocumentation
 */
export type { LivepushUser } from '../api/types';
export type { LivepushAuthErrorCode } from '../errors';
export type { LivepushScope } from '../scopes';
export type { SessionPayload, SessionSummary } from '../session-payload';
export { createAuthClient } from './create-auth-client';
export type {
  AuthClient,
  AuthClientError,
  AuthClientOptions,
  AuthSnapshot,
  AuthStatus,
  SignInOptions,
} from './types';
