import type { RedisOptions } from 'ioredis';

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
