/**
 * `@livepush/auth-core/server`: sealed sessions and the Web `Request → Response` handler.
 * Server-side only: it holds the client secret and the tokens.
 *
 * @packageDocumentation
 */

export type { SessionPayload, SessionSummary } from '../session-payload';
export { createLivepushAuth } from './handler';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store';
export type { LivepushAuthOptions, LivepushLogger, SessionEvent } from './options';
export { withCookies } from './responses';
export { safeReturnTo } from './return-to';
export { createSealer, type Sealer, type SealerOptions, sealerSecretProblem } from './seal';
export type { SessionRecord } from './session-record';
export type { SessionStore } from './store';
export type { GetSessionOptions, LivepushAuth, LivepushRequestContext } from './types';
