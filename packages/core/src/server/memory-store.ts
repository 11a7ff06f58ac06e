import { LivepushAuthError } from '../errors';
import type { SessionRecord } from './session-record';
import type { SessionStore } from './store';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** The clock, epoch ms. Default `Date.now`. */
  now?: () => number;
  /**
   * At most this many sessions. When full, expired sessions go first, then the least recently used
   * (read or written). Default 10 000.
   */
  maxEntries?: number;
  /**
   * At most this many sessions per user (the record's `userId`, known when `profile.read` was
   * granted); a new sign-in beyond it ends that user's least recently used session, nobody else's.
   * Default 10. Sessions without a profile are not counted per user, only in `maxEntries`.
   */
  maxSessionsPerUser?: number;
}

interface Entry {
  record: SessionRecord;
  expiresAt: number;
  user: string | undefined;
}

function positiveInteger(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new LivepushAuthError(
    'invalid_config',
    `createMemoryStore(): ${name} must be a positive integer, got ${JSON.stringify(value)}.`,
  );
}

/** The user a record is counted for: its `userId`, else (older records) its profile's `id`. */
const userOf = (record: SessionRecord): string | undefined =>
  typeof record.userId === 'string'
    ? record.userId
    : typeof record.user?.id === 'string'
      ? record.user.id
      : undefined;

/**
 * A {@link SessionStore} in this process's memory: for tests and single-process apps. Sessions are
 * lost on restart and not shared between instances (use a shared store such as Redis for that).
 * Bounded and fair: one account signing in over and over ends only its own oldest sessions. Keeps a
 * per-user index, so `signOutUser` and `listSessions` work (for every handler of this process
 * sharing the store).
 *
 * @throws {LivepushAuthError} `invalid_config` for a limit that is not a positive integer.
 * @example createLivepushAuth({ ...options, store: createMemoryStore({ maxSessionsPerUser: 5 }) })
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SessionStore {
  const now = options.now ?? Date.now;
  const maxEntries = positiveInteger(options.maxEntries, 10_000, 'maxEntries');
  const maxPerUser = positiveInteger(options.maxSessionsPerUser, 10, 'maxSessionsPerUser');
  /** Least recently used first. */
  const entries = new Map<string, Entry>();
  /** Each user's session ids, least recently used first. */
  const byUser = new Map<string, Set<string>>();
  /** No entry expires before this: an eviction need not look for expired ones until then. */
  let nextExpiry = Number.POSITIVE_INFINITY;
  const locks = new Map<string, Promise<unknown>>();

  const remove = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    const ids = entry.user === undefined ? undefined : byUser.get(entry.user);
    ids?.delete(id);
    if (ids?.size === 0) byUser.delete(entry.user!);
  };
  /** Marks `id` most recently used. */
  const touch = (id: string, entry: Entry) => {
    entries.delete(id);
    entries.set(id, entry);
    if (entry.user === undefined) return;
    const ids = byUser.get(entry.user) ?? new Set<string>();
    ids.delete(id);
    ids.add(id);
    byUser.set(entry.user, ids);
  };
  /** Within the limits again: a user's oldest sessions beyond theirs, then expired ones, then the least recently used. */
  const makeRoom = (written: Entry) => {
    const ids = written.user === undefined ? undefined : byUser.get(written.user);
    while (ids && ids.size > maxPerUser) remove(ids.values().next().value as string);
    if (entries.size <= maxEntries) return;
    const at = now();
    if (at >= nextExpiry) {
      nextExpiry = Number.POSITIVE_INFINITY;
      for (const [id, entry] of entries) {
        if (entry.expiresAt <= at) remove(id);
        else nextExpiry = Math.min(nextExpiry, entry.expiresAt);
      }
    }
    while (entries.size > maxEntries) remove(entries.keys().next().value as string);
  };

  const read = (id: string): SessionRecord | null => {
    const entry = entries.get(id);
    if (!entry) return null;
    if (entry.expiresAt <= now()) {
      remove(id);
      return null;
    }
    touch(id, entry);
    return structuredClone(entry.record);
  };
  const write = (id: string, record: SessionRecord, ttlSeconds: number) => {
    remove(id);
    const entry: Entry = {
      record: structuredClone(record),
      expiresAt: now() + ttlSeconds * 1000,
      user: userOf(record),
    };
    touch(id, entry);
    nextExpiry = Math.min(nextExpiry, entry.expiresAt);
    makeRoom(entry);
  };

  /** The live session ids of `userId` (expired ones are dropped on the way). */
  const idsOf = (userId: string): string[] => {
    const at = now();
    const live: string[] = [];
    for (const id of [...(byUser.get(userId) ?? [])]) {
      if (entries.get(id)!.expiresAt <= at) remove(id);
      else live.push(id);
    }
    return live;
  };

  return {
    async get(id) {
      return read(id);
    },
    async set(id, record, ttlSeconds) {
      write(id, record, ttlSeconds);
    },
    async delete(id) {
      remove(id);
    },
    async update(id, next, ttlSeconds) {
      // Synchronous between read and write: atomic within this process.
      const result = next(read(id));
      if (result === null) remove(id);
      else write(id, result, ttlSeconds);
      return result;
    },
    async listUserSessions(userId) {
      // Listing is not a use: the sessions keep their place in the LRU order.
      return idsOf(userId).map((id) => ({ id, record: structuredClone(entries.get(id)!.record) }));
    },
    async deleteUserSessions(userId) {
      const ids = idsOf(userId);
      for (const id of ids) remove(id);
      return ids.length;
    },
    async withLock(id, _ttlMs, task) {
      // A queue per id: each task starts when the previous one has settled.
      const previous = locks.get(id) ?? Promise.resolve();
      const run = previous.then(task, task);
      const tail = run.catch(() => undefined);
      locks.set(id, tail);
      try {
        return await run;
      } finally {
        if (locks.get(id) === tail) locks.delete(id);
      }
    },
  };
}
