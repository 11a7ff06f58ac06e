import type { SessionRecord } from './session-record';

/**
 * Where session records live when they are kept server-side (the cookie then carries only a random id).
 * Implementations must be safe under concurrency: `update` is atomic per id.
 */
export interface SessionStore {
  /** The record, or `null` when there is none (or it expired). */
  get(id: string): Promise<SessionRecord | null>;
  /** Stores the record for `ttlSeconds`. */
  set(id: string, record: SessionRecord, ttlSeconds: number): Promise<void>;
  /** Removes the record. */
  delete(id: string): Promise<void>;
  /**
   * Atomically replaces the record with `next(current)` (`null` deletes it) and returns the result.
   * A deleted record stays deleted: `next` receives `null` and a logout cannot be undone by a late write.
   */
  update(
    id: string,
    next: (current: SessionRecord | null) => SessionRecord | null,
    ttlSeconds: number,
  ): Promise<SessionRecord | null>;
  /**
   * Optional: runs `task` while holding a lock on `id` shared by every instance, for at most `ttlMs`
   * (a crashed holder cannot block the others for longer). When present, a due token refresh runs
   * under it: one instance calls Livepush, the others wait and then read the rotated tokens from the
   * store instead of replaying a refresh token that is no longer valid.
   */
  withLock?<T>(id: string, ttlMs: number, task: () => Promise<T>): Promise<T>;
}
