/**
 * `@livepush/auth-next`: Livepush sign-in for the Next.js App Router (15 and 16). One call,
 * `createLivepushNext(options)`, gives the route handlers, `auth()` for Server Components, a proxy
 * that refreshes sessions before pages render, `requireScopes`, Server Actions and server-side tokens.
 * The browser side is `@livepush/auth-next/client`.
 *
 * @packageDocumentation
 */
export type { LivepushApi, LivepushScope } from '@livepush/auth-core';
export { LivepushAuthError } from '@livepush/auth-core';
export type {
  LivepushAuthOptions,
  LivepushSessionData,
  LivepushSessionInfo,
  SessionPayload,
  SessionSummary,
  SignInOptions,
  UpdateSessionOptions,
} from '@livepush/auth-core/server';
export { createLivepushNext } from './create';
export type {
  LivepushHandlers,
  LivepushNext,
  LivepushNextConfig,
  LivepushNextOptions,
  LivepushProxy,
  LivepushProxyContext,
  LivepushProxyHandler,
  NextProxyFunction,
  ProtectedPath,
  ProtectOption,
  SignOutOptions,
} from './types';
