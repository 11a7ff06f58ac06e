/**
 * `@livepush/auth-vue`: Vue 3 bindings for Livepush Auth — the `createLivepush()` plugin and the
 * `useLivepush()` composable over the browser session store of `@livepush/auth-core/client`.
 * The vue-router guard lives in `@livepush/auth-vue/router`.
 *
 * @packageDocumentation
 */
export type {
  AuthClient,
  AuthClientError,
  AuthClientOptions,
  AuthSnapshot,
  AuthStatus,
  LivepushScope,
  LivepushSessionData,
  LivepushUser,
  RefreshOptions,
  SessionPayload,
  SignInOptions,
  SignOutOptions,
} from '@livepush/auth-core/client';
export {
  type CreateLivepushOptions,
  createLivepush,
  LIVEPUSH_CLIENT_KEY,
  type LivepushPlugin,
  useLivepushClient,
} from './plugin';
export { type UseLivepushReturn, useLivepush } from './use-livepush';
