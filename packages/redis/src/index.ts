/**
 * `@livepush/auth-redis`: a Redis {@link SessionStore} for `@livepush/auth-core/server`, with the
 * cross-instance refresh lock, so every instance of an app shares sessions and only one of them
 * refreshes an expired token. One Redis, a primary with replicas behind Sentinel, or a Redis Cluster.
 *
 * @packageDocumentation
 */

export type { SessionStore } from '@livepush/auth-core/server';
export { DEFAULT_TIMEOUT_MS, redisClientOptions, redisClusterOptions } from './client-options';
export type { WithLock } from './lock';
export type { RedisStoreOptions } from './options';
export { createRedisStore, type RedisSessionStore } from './redis-store';
export type { ReplicaWait } from './replication';
