/**
 * `@livepush/auth-redis`: a Redis {@link SessionStore} for `@livepush/auth-core/server`, with the
 * cross-instance refresh lock, so every instance of an app shares sessions and only one of them
 * refreshes an expired token.
 *
 * @packageDocumentation
 */

export type { SessionStore } from '@livepush/auth-core/server';
export { DEFAULT_TIMEOUT_MS, redisClientOptions } from './client-options';
export type { WithLock } from './lock';
export type { RedisStoreOptions } from './options';
export { createRedisStore, type RedisSessionStore } from './redis-store';
