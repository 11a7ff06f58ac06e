import { LivepushAuthError } from '@livepush/auth-core';
import type { SessionStore } from '@livepush/auth-core/server';
import { Redis } from 'ioredis';
import { DEFAULT_TIMEOUT_MS, redisClientOptions } from './client-options';
import { createConnection } from './connection';
import { createLock, sleep, type WithLock } from './lock';
import { type RedisStoreOptions, resolveOptions } from './options';
import { createRecordCipher } from './record-cipher';
import { createRecordCodec } from './record-codec';
import { defineScript } from './script';

/** A {@link SessionStore} in Redis, with the cross-instance refresh lock. */
export interface RedisSessionStore extends SessionStore {
  /** Runs `task` holding a Redis lock on `id` shared by every instance, for at most `ttlMs` (or `lockTtlMs`). */
  withLock: WithLock;
  /** The ioredis client in use. */
  readonly client: Redis;
  /** The Redis key holding the record of session `id`. */
  keyOf(id: string): string;
  /** Closes the client if the store created it (from `url`); a client you passed stays open. */
  close(): Promise<void>;
}

/**
 * Writes the new value only if the key still holds what we read (`ARGV[1]` says whether it existed):
 * a compare-and-set, so a write computed from a stale read — a refresh racing a logout — never lands.
 */
const SWAP = defineScript(`
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[3] == '1' then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
else
  redis.call('DEL', KEYS[1])
end
return 1`);

const MAX_UPDATE_ATTEMPTS = 32;

const toMs = (ttlSeconds: number) => (Number.isFinite(ttlSeconds) ? Math.ceil(ttlSeconds * 1000) : 0);

/**
 * Creates a session store in Redis for `createLivepushAuth({ store })`: records under random ids
 * (the cookie carries only the sealed id), expiring with the session, updated atomically, optionally
 * encrypted at rest, plus the refresh lock that lets exactly one instance refresh an expired token.
 * Every operation is bounded by `timeoutMs` and rejects with `store_unavailable` while Redis is
 * unreachable; the client reconnects by itself.
 *
 * @example
 * ```ts
 * const auth = createLivepushAuth({ ...options, store: createRedisStore({ url: process.env.REDIS_URL! }) });
 * ```
 */
export function createRedisStore(options: RedisStoreOptions): RedisSessionStore {
  const resolved = resolveOptions(options, DEFAULT_TIMEOUT_MS);
  const owned = resolved.client === undefined;
  const client =
    resolved.client ?? new Redis(resolved.url!, redisClientOptions({ timeoutMs: resolved.timeoutMs }));
  if (owned) client.on('error', resolved.onError);

  const connection = createConnection(client, resolved.timeoutMs);
  const codec = createRecordCodec(resolved.secrets ? createRecordCipher(resolved.secrets) : undefined);
  const keyOf = (id: string) => `${resolved.keyPrefix}session:${id}`;
  const withLock = createLock(connection, (id) => `${resolved.keyPrefix}lock:${id}`, {
    ttlMs: resolved.lockTtlMs,
    waitMs: resolved.lockWaitMs,
  });

  const read = async (id: string) => {
    const raw = await connection.run((c) => c.get(keyOf(id)));
    return { raw, record: raw === null ? null : await codec.decode(id, raw) };
  };

  return {
    client,
    keyOf,
    withLock,

    async get(id) {
      return (await read(id)).record;
    },

    async set(id, record, ttlSeconds) {
      const ttl = toMs(ttlSeconds);
      if (ttl <= 0) {
        await connection.run((c) => c.del(keyOf(id)));
        return;
      }
      const value = await codec.encode(id, record);
      await connection.run((c) => c.set(keyOf(id), value, 'PX', ttl));
    },

    async delete(id) {
      await connection.run((c) => c.del(keyOf(id)));
    },

    async update(id, next, ttlSeconds) {
      // Optimistic: read, compute, compare-and-set; on a conflict read again (so `next` may run more than once).
      for (let attempt = 1; ; attempt++) {
        const { raw, record } = await read(id);
        const result = next(record);
        if (raw === null && result === null) return null;
        const ttl = toMs(ttlSeconds);
        const write = result !== null && ttl > 0;
        const value = write ? await codec.encode(id, result) : '';
        const swapped = await connection.run((c) =>
          SWAP.run(c, [keyOf(id)], [raw === null ? '0' : '1', raw ?? '', write ? '1' : '0', value, ttl]),
        );
        if (swapped === 1) return result;
        if (attempt >= MAX_UPDATE_ATTEMPTS) {
          throw new LivepushAuthError(
            'store_unavailable',
            `The session changed under ${MAX_UPDATE_ATTEMPTS} concurrent writes in a row; try again.`,
          );
        }
        await sleep(Math.random() * Math.min(2 ** attempt, 50));
      }
    },

    async close() {
      if (!owned) return;
      client.off('error', resolved.onError);
      // A closing client may still report the socket's end; nobody listens any more.
      client.on('error', () => {});
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
