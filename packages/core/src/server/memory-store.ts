import type { SessionRecord } from './session-record';
import type { SessionStore } from './store';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** The clock, epoch ms. Default `Date.now`. */
  now?: () => number;
  /** At most this many sessions; the oldest are dropped first. Default 10 000. */
  maxEntries?: number;
}

/**
 * A {@link SessionStore} in this process's memory: for tests and single-process apps. Sessions are
 * lost on restart and not shared between instances (use a shared store such as Redis for that).
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SessionStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { record: SessionRecord; expiresAt: number }>();
  const locks = new Map<string, Promise<unknown>>();

  const read = (id: string): SessionRecord | null => {
    const entry = entries.get(id);
    if (!entry) return null;
    if (entry.expiresAt <= now()) {
      entries.delete(id);
      return null;
    }
    return structuredClone(entry.record);
  };
  const write = (id: string, record: SessionRecord, ttlSeconds: number) => {
    entries.delete(id);
    entries.set(id, { record: structuredClone(record), expiresAt: now() + ttlSeconds * 1000 });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };

  return {
    async get(id) {
      return read(id);
    },
    async set(id, record, ttlSeconds) {
      write(id, record, ttlSeconds);
    },
    async delete(id) {
      entries.delete(id);
    },
    async update(id, next, ttlSeconds) {
      // Synchronous between read and write: atomic within this process.
      const result = next(read(id));
      if (result === null) entries.delete(id);
      else write(id, result, ttlSeconds);
      return result;
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
