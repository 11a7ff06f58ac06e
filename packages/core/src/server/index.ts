/**
 * `@livepush/auth-core/server`: sealed sessions, the Web `Request → Response` handler and the
 * per-request context. Server-side only: it holds the client secret and the tokens.
 *
 * @packageDocumentation
 */

export type { LivepushSessionData } from '../session-data';
export type { SessionPayload, SessionSummary } from '../session-payload';
export type { SignInOptions } from '../sign-in-url';
export { type LivepushCookie, type LivepushCookieOptions, serializeCookie } from './cookies';
export { describeErrorCode } from './error-response';
export { createLivepushAuth } from './handler';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store';
export type {
  FetchUserContext,
  LivepushAuthOptions,
  LivepushCookieSettings,
  LivepushLogger,
  LivepushSessionOptions,
  SessionEvent,
  SignInContext,
  SignInResult,
} from './options';
export { withCookies, withPrivateCache } from './responses';
export { safeReturnTo } from './return-to';
export { createSealer, type Sealer, type SealerOptions, sealerSecretProblem } from './seal';
export type { SessionRecord } from './session-record';
export type { SessionStore } from './store';
export type {
  GetSessionOptions,
  LivepushAuth,
  LivepushRequestContext,
  LivepushSessionInfo,
  RequestContextOptions,
  SessionUpdate,
  UpdateSessionOptions,
} from './types';
