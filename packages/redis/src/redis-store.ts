import { LivepushAuthError } from '@livepush/auth-core';
import type { SessionRecord, SessionStore } from '@livepush/auth-core/server';
import { Cluster, Redis } from 'ioredis';
import { isCluster, type RedisClient } from './client';
import { DEFAULT_TIMEOUT_MS, redisClientOptions, redisClusterOptions } from './client-options';
import { createConnection } from './connection';
import { createKeyLayout } from './keys';
import { createLock, sleep, type WithLock } from './lock';
import { type RedisStoreOptions, resolveOptions } from './options';
import { createRecordCipher } from './record-cipher';
import { createRecordCodec } from './record-codec';
import { createReplication } from './replication';
import { createReporter } from './reporter';
import { defineScript, queueScript } from './script';
import { createUserSessions, REINDEX_LUA, type UserSessions, WRITE_INDEXED } from './user-index';

/** A {@link SessionStore} in Redis, with the cross-instance refresh lock and the per-user index. */
export interface RedisSessionStore extends SessionStore {
  /**
   * Every live session of `userId` (under each `encrypt.secret`'s tag), for the core's `listSessions`.
   * Sessions whose ids carry no user tag (ids from before `newId`, sessions without a user) are not listed.
   * @throws {LivepushAuthError} `invalid_request` for an empty `userId`; `store_unavailable`.
   */
  listUserSessions: UserSessions['listUserSessions'];
  /**
   * Deletes every session of `userId` (records and index, atomically per tag) and resolves how many
   * ended, for the core's `signOutUser`; a refresh in flight finds its record gone and writes nothing.
   * @throws {LivepushAuthError} `invalid_request` for an empty `userId`; `store_unavailable`.
   */
  deleteUserSessions: UserSessions['deleteUserSessions'];
  /** Runs `task` holding a Redis lock on `id` shared by every instance, for at most `ttlMs` (or `lockTtlMs`). */
  withLock: WithLock;
  /** A new session id: 256 random bits behind a hash tag (the user's when the record names one). */
  newId(record: SessionRecord): string;
  /** The ioredis client in use: a `Redis`, or a `Cluster`. */
  readonly client: Redis | Cluster;
  /** The Redis key holding the record of session `id`. */
  keyOf(id: string): string;
  /** Closes the client if the store created it (from `url` or `cluster`); a client you passed stays open. */
  close(): Promise<void>;
}

/**
 * Writes the new value only if the record still holds what we read (`ARGV[1]` says whether it
 * existed): a compare-and-set, so a write computed from a stale read — a refresh racing a logout —
 * never lands (`{0}`). Given the session's refresh lock (`KEYS[2]`, same slot) and our token
 * (`ARGV[6]`, empty: none), a successful write also releases the lock if we still hold it, and
 * answers `{1, 1}`. Given its user's index (`KEYS[3]`), the write reindexes session `ARGV[7]` there.
 */
const SWAP = defineScript(`${REINDEX_LUA}
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return {0} end
elseif current then
  return {0}
end
local ttl = 0
if ARGV[3] == '1' then
  ttl = tonumber(ARGV[5])
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ttl)
else
  redis.call('DEL', KEYS[1])
end
if KEYS[3] then reindex(KEYS[3], ARGV[7], ttl) end
if KEYS[2] and ARGV[6] ~= '' and redis.call('GET', KEYS[2]) == ARGV[6] then
  redis.call('DEL', KEYS[2])
  return {1, 1}
end
return {1, 0}`);

const MAX_UPDATE_ATTEMPTS = 32;

const toMs = (ttlSeconds: number) => (Number.isFinite(ttlSeconds) ? Math.ceil(ttlSeconds * 1000) : 0);

/** The client for `url` or `cluster`, with the store's fail-fast options. */
function ownClient(url: string | undefined, nodes: readonly string[], timeoutMs: number): RedisClient {
  if (url !== undefined) return new Redis(url, redisClientOptions({ timeoutMs }));
  const first = new URL(nodes[0]!);
  const options = redisClusterOptions({ timeoutMs });
  options.redisOptions = {
    ...options.redisOptions,
    ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
    ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
    ...(first.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  const startup = nodes.map((node) => {
    const { hostname, port } = new URL(node);
    return { host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379) };
  });
  return new Cluster(startup, options);
}

/**
 * Creates a session store in Redis for `createLivepushAuth({ store })`: records under random ids
 * (the cookie carries only the sealed id), expiring with the session, updated atomically, encrypted
 * at rest, plus the refresh lock that lets exactly one instance refresh an expired token. Works with
 * one Redis, a primary behind Sentinel (bring that client) or a Redis Cluster: every script keeps
 * its keys in one hash slot. Every operation is bounded by `timeoutMs` and rejects with
 * `store_unavailable` while Redis is unreachable; the client reconnects by itself.
 *
 * Round trips: a session read is one `GET`; a refresh is three (the read, taking the lock together
 * with reading the record, writing the new tokens together with releasing the lock); each write
 * carries its `WAIT` for replicas in the same round trip.
 *
 * Sign out everywhere: the sessions of a user (ids tagged with the user, which this store's `newId`
 * makes) are indexed per user in the same script that writes them, so `listUserSessions(userId)`
 * and `deleteUserSessions(userId)` — behind the core's `listSessions` and `signOutUser` — find
 * them on every instance; the index expires with the sessions.
 *
 * @throws {LivepushAuthError} `invalid_config` listing every problem with `options`.
 * @example
 * ```ts
 * const store = createRedisStore({ url: process.env.REDIS_URL!, encrypt: { secret: process.env.SESSION_SECRET! } });
 * const auth = createLivepushAuth({ ...options, store });
 * ```
 */
export function createRedisStore(options: RedisStoreOptions): RedisSessionStore {
  const resolved = resolveOptions(options, DEFAULT_TIMEOUT_MS);
  const reporter = createReporter(resolved.onError);
  const owned = resolved.client === undefined;
  const client = resolved.client ?? ownClient(resolved.url, resolved.cluster ?? [], resolved.timeoutMs);
  const onClientError = (error: Error) => reporter.report('redis', error);
  const onReady = () => reporter.clear('redis');
  if (owned) {
    client.on('error', onClientError);
    client.on('node error', onClientError);
    client.on('ready', onReady);
  }

  const connection = createConnection(client, resolved.timeoutMs, reporter);
  const replication = createReplication(client, resolved.waitForReplicas, resolved.replicaWaitMs, reporter);
  const codec = createRecordCodec(
    resolved.secrets ? createRecordCipher(resolved.secrets) : undefined,
    resolved.readPlaintext,
    reporter,
  );
  const keys = createKeyLayout(resolved.keyPrefix, resolved.secrets);
  // One script may touch a session's record and lock when they share a slot: always on one Redis,
  // in a cluster when the id carries a hash tag (ids this store created).
  const colocated = (id: string) => !isCluster(client) || keys.tagOf(id) !== undefined;
  const lock = createLock(connection, keys, colocated, {
    ttlMs: resolved.lockTtlMs,
    waitMs: resolved.lockWaitMs,
  });

  /** Writes (with WAIT when there are replicas) in one round trip; returns the command's reply. */
  const write = (key: string, queue: Parameters<typeof replication.write>[1]) =>
    connection.run(() => replication.write(key, queue));

  /** Stores `value` for `ttl` ms (0: deletes) in one round trip, indexing the session when it has a user. */
  const put = async (id: string, value: string, ttl: number) => {
    const key = keys.session(id);
    const index = keys.indexOf(id);
    await write(key, (p, bySource) => {
      if (index !== undefined) queueScript(p, WRITE_INDEXED, [key, index], [value, ttl, id], bySource);
      else if (ttl > 0) p.set(key, value, 'PX', ttl);
      else p.del(key);
    });
  };

  const decode = async (id: string, raw: string | null) => (raw === null ? null : codec.decode(id, raw));

  return {
    client,
    keyOf: keys.session,
    withLock: lock.withLock,
    newId: keys.newId,
    ...createUserSessions({ connection, write, keys, codec }),

    async get(id) {
      const scope = lock.scopeOf(id);
      if (scope?.fresh) {
        // Read together with taking the lock, a moment ago: no second round trip.
        scope.fresh = false;
        return decode(id, scope.raw ?? null);
      }
      const raw = await connection.run((c) => c.get(keys.session(id)));
      if (scope) scope.raw = raw;
      return decode(id, raw);
    },

    async set(id, record, ttlSeconds) {
      const ttl = toMs(ttlSeconds);
      await put(id, ttl > 0 ? await codec.encode(id, record) : '', ttl);
    },

    delete: (id) => put(id, '', 0),

    async update(id, next, ttlSeconds) {
      // Optimistic: compute from what we last saw (under the lock: what was read with it), then
      // compare-and-set; on a conflict back off, read again and recompute (`next` may run again).
      const key = keys.session(id);
      const index = keys.indexOf(id);
      const scope = lock.scopeOf(id);
      let raw = scope?.raw !== undefined ? scope.raw : await connection.run((c) => c.get(key));
      for (let attempt = 1; ; attempt++) {
        const result = next(await decode(id, raw));
        if (raw === null && result === null) return null;
        const ttl = toMs(ttlSeconds);
        const store = result !== null && ttl > 0;
        const value = store ? await codec.encode(id, result) : '';
        // Inside the task of this session's refresh lock: the write releases it too.
        const releasing = scope !== undefined && !scope.released && scope.colocated;
        const swapKeys =
          index !== undefined ? [key, keys.lock(id), index] : releasing ? [key, keys.lock(id)] : [key];
        const token = releasing ? scope.token : '';
        const args = [raw === null ? '0' : '1', raw ?? '', store ? '1' : '0', value, ttl, token, id];
        const reply = (await write(key, (p, bySource) => queueScript(p, SWAP, swapKeys, args, bySource))) as [
          number,
          (string | number | null)?,
        ];
        if (reply[0] === 1) {
          if (scope) {
            scope.raw = store ? value : null;
            scope.fresh = false;
            if (reply[1] === 1) scope.released = true;
          }
          return result;
        }
        if (attempt >= MAX_UPDATE_ATTEMPTS) {
          throw new LivepushAuthError(
            'store_unavailable',
            `The session changed under ${MAX_UPDATE_ATTEMPTS} concurrent writes in a row; try again.`,
          );
        }
        await sleep(Math.random() * Math.min(2 ** attempt, 50));
        raw = await connection.run((c) => c.get(key));
        if (scope) scope.raw = raw;
      }
    },

    async close() {
      if (!owned) return;
      client.off('error', onClientError);
      client.off('node error', onClientError);
      client.off('ready', onReady);
      // A closing client may still report the socket's end; nobody listens any more.
      client.on('error', () => {});
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}
