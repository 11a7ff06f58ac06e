'use client';
/**
 * `@livepush/auth-react`: React bindings of the Livepush browser session store.
 *
 * @packageDocumentation
 */
export type {
  AuthClient,
  AuthClientError,
  AuthClientOptions,
  AuthStatus,
  LivepushScope,
  LivepushSessionData,
  LivepushUser,
  RefreshOptions,
  SessionPayload,
  SignInOptions,
  SignOutOptions,
} from '@livepush/auth-core/client';
export { useLivepushAuthClient } from './context';
export { LivepushAuthProvider, type LivepushAuthProviderProps } from './provider';
export {
  RequireScopes,
  type RequireScopesProps,
  type ScopeRequest,
  useHasScopes,
  useRequestScopes,
} from './scopes';
export { type LivepushAuthActions, type LivepushAuthState, useLivepushAuth } from './use-livepush-auth';
