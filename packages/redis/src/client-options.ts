import type { ClusterOptions, RedisOptions } from 'ioredis';

/** Default bound, in ms, on one store operation (connecting included). */
export const DEFAULT_TIMEOUT_MS = 2_000;

/**
 * ioredis options that make a client fail fast instead of hanging while Redis is down or slow, and
 * reconnect by itself: commands time out after `timeoutMs`, nothing piles up in an offline queue
 * (the store waits for the connection itself, bounded), commands in flight when the connection drops
 * fail at once and are never replayed later, and reconnection retries forever with a capped backoff.
 * `createRedisStore({ url })` uses them; pass them to `new Redis(url, redisClientOptions())` when you
 * bring your own client.
 *
 * @example
 * ```ts
 * const client = new Redis(process.env.REDIS_URL!, redisClientOptions({ timeoutMs: 1000 }));
 * ```
 */
export function redisClientOptions(options: { timeoutMs?: number } = {}): RedisOptions {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 10), 1_000),
  };
}

/**
 * ioredis `Cluster` options with the same fail-fast behaviour as {@link redisClientOptions}, for a
 * Redis Cluster: connect lazily, no offline queue, every node's commands time out after `timeoutMs`,
 * reads and writes go to primaries. While a primary fails over, a command to its slots is retried
 * every 100 ms (16 tries at most) with the slot map refreshed, so it lands on the promoted replica as
 * soon as the cluster has one; the store's own `timeoutMs` still bounds what a request waits.
 * `createRedisStore({ cluster })` uses them; pass them to `new Cluster(nodes, redisClusterOptions())`
 * when you bring your own.
 *
 * @example
 * ```ts
 * const client = new Cluster([{ host: 'redis-1', port: 6379 }], redisClusterOptions({ timeoutMs: 1000 }));
 * ```
 */
export function redisClusterOptions(options: { timeoutMs?: number } = {}): ClusterOptions {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { lazyConnect, enableOfflineQueue, retryStrategy, ...node } = redisClientOptions(options);
  return {
    lazyConnect,
    enableOfflineQueue,
    scaleReads: 'master',
    maxRedirections: 16,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    slotsRefreshTimeout: Math.min(timeoutMs, 1_000),
    clusterRetryStrategy: retryStrategy,
    redisOptions: node,
  };
}
