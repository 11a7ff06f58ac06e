/**
 * `@livepush/auth-sveltekit`: Livepush sign-in for SvelteKit. One line in `hooks.server.ts`
 * (`createLivepushHandle`), a typed `event.locals.livepush`, a `load` helper for the session summary and
 * form actions for signing in and out that work without JavaScript.
 *
 * @packageDocumentation
 */

export type { LivepushApi, LivepushScope } from '@livepush/auth-core';
export { LivepushAuthError } from '@livepush/auth-core';
export type {
  LivepushAuth,
  LivepushAuthOptions,
  LivepushSessionData,
  LivepushSessionInfo,
  SessionPayload,
  SessionSummary,
  UpdateSessionOptions,
} from '@livepush/auth-core/server';
export { type ActionEvent, type SignInFailure, signInAction, signOutAction } from './actions';
export { createLivepushHandle } from './handle';
export { LIVEPUSH_SESSION, loadSession } from './load';
export type {
  LivepushContext,
  LivepushHandleConfig,
  LivepushLocals,
  LivepushPageData,
  LivepushSignOutOptions,
  ResumedForm,
  SignInOptions,
} from './types';
