import { LivepushAuthError } from '@livepush/auth-core';
import type { SessionStore } from '@livepush/auth-core/server';
import type { Connection } from './connection';
import { type KeyLayout, recordUserId } from './keys';
import type { RecordCodec } from './record-codec';
import type { Replication } from './replication';
import { defineScript, queueScript, runScript } from './script';

/** Lua: `now_ms()`, Redis' clock in epoch ms (the clock record TTLs run on). */
const NOW_LUA = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end`;

/**
 * Lua shared by the scripts that write a session: `reindex(index, id, ttl)` keeps the per-user index
 * (a ZSET: member = session id, score = its expiry in epoch ms on Redis' clock) in step with the record
 * written in the same script — drops members that expired, adds (`ttl` > 0) or removes the session,
 * and makes the key expire with its last session (an empty ZSET is no key at all).
 */
export const REINDEX_LUA = `${NOW_LUA}
local function reindex(index, id, ttl)
  local now = now_ms()
  redis.call('ZREMRANGEBYSCORE', index, '-inf', now)
  if ttl > 0 then
    redis.call('ZADD', index, now + ttl, id)
  else
    redis.call('ZREM', index, id)
  end
  local last = redis.call('ZRANGE', index, -1, -1, 'WITHSCORES')
  if last[2] then redis.call('PEXPIREAT', index, last[2]) end
end`;

/** Stores (`ARGV[2]` ms > 0) or deletes the record `KEYS[1]` of session `ARGV[3]` and indexes it in `KEYS[2]`. */
export const WRITE_INDEXED = defineScript(`${REINDEX_LUA}
local ttl = tonumber(ARGV[2])
if ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
else
  redis.call('DEL', KEYS[1])
end
reindex(KEYS[2], ARGV[3], ttl)
return 1`);

/** The live sessions in the index `KEYS[1]`, expired members dropped first. */
const MEMBERS = defineScript(`${NOW_LUA}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms())
return redis.call('ZRANGE', KEYS[1], 0, -1)`);

/**
 * Deletes the index `KEYS[1]` and the records `KEYS[2…]` of the sessions `ARGV` it listed, in one
 * step — unless a session joined the index since it was read (a sign-in racing this): then `-1`, and
 * the caller reads the index again. Answers how many records there were.
 */
const DELETE_USER = defineScript(`${NOW_LUA}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms())
local listed = {}
for _, id in ipairs(ARGV) do listed[id] = true end
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if not listed[id] then return -1 end
end
local ended = 0
for i = 2, #KEYS do ended = ended + redis.call('DEL', KEYS[i]) end
redis.call('DEL', KEYS[1])
return ended`);

/** Reads of a user index that meet a sign-in each time, in a row, before giving up. */
const MAX_DELETE_ATTEMPTS = 16;

/** The store's per-user operations: `listUserSessions` and `deleteUserSessions` of the core's `SessionStore`. */
export type UserSessions = Required<Pick<SessionStore, 'listUserSessions' | 'deleteUserSessions'>>;

/** What the per-user operations use of the store. */
export interface UserSessionsDeps {
  connection: Connection;
  /** Sends a write to the primary of `key` (with its `WAIT` for replicas), bounded by the store's timeout. */
  write(key: string, queue: Parameters<Replication['write']>[1]): Promise<unknown>;
  keys: KeyLayout;
  codec: RecordCodec;
}

function checkUserId(userId: unknown, method: string): asserts userId is string {
  if (typeof userId !== 'string' || userId === '')
    throw new LivepushAuthError(
      'invalid_request',
      `${method}(userId) needs the Livepush user id (a non-empty string), as in session.userId.`,
    );
}

/**
 * The sessions of a user, found through the per-user indexes: one per tag of the user (one per
 * encryption secret), each in one hash slot with the records it lists, so each step is one
 * single-slot command or script, in a cluster too.
 */
export function createUserSessions({ connection, write, keys, codec }: UserSessionsDeps): UserSessions {
  const members = (index: string) =>
    connection.run((client) => runScript(client, MEMBERS, [index], [])) as Promise<string[]>;

  const listTag = async (userId: string, tag: string) => {
    const ids = await members(keys.userIndex(tag));
    if (ids.length === 0) return [];
    const raws = await connection.run((client) => client.mget(ids.map(keys.session)));
    const sessions = await Promise.all(
      ids.map(async (id, i) => {
        const raw = raws[i];
        const record = raw == null ? null : await codec.decode(id, raw);
        return record !== null && recordUserId(record) === userId ? [{ id, record }] : [];
      }),
    );
    return sessions.flat();
  };

  const deleteTag = async (tag: string) => {
    const index = keys.userIndex(tag);
    for (let attempt = 1; attempt <= MAX_DELETE_ATTEMPTS; attempt++) {
      const ids = await members(index);
      if (ids.length === 0) return 0;
      const scriptKeys = [index, ...ids.map(keys.session)];
      const ended = (await write(index, (p, bySource) =>
        queueScript(p, DELETE_USER, scriptKeys, ids, bySource),
      )) as number;
      if (ended >= 0) return ended;
    }
    throw new LivepushAuthError(
      'store_unavailable',
      `deleteUserSessions(): the user signed in again ${MAX_DELETE_ATTEMPTS} times while their sessions were being deleted; try again.`,
    );
  };

  return {
    async listUserSessions(userId) {
      checkUserId(userId, 'listUserSessions');
      const perTag = await Promise.all(keys.userTags(userId).map((tag) => listTag(userId, tag)));
      return perTag.flat();
    },
    async deleteUserSessions(userId) {
      checkUserId(userId, 'deleteUserSessions');
      const perTag = await Promise.all(keys.userTags(userId).map(deleteTag));
      return perTag.reduce((sum, n) => sum + n, 0);
    },
  };
}
