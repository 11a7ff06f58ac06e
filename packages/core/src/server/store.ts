import { randomToken } from '../encoding';
import { LivepushAuthError } from '../errors';
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
  /**
   * Optional: the id of a new session holding `record` (at sign-in), instead of the core's 256 random
   * bits — so a store can shape its ids, e.g. put a user's sessions in one Redis Cluster hash slot.
   * It must hold at least 256 unpredictable bits, in 32 to 256 characters.
   */
  newId?(record: SessionRecord): string | Promise<string>;
  /**
   * Optional: every live session of `userId` (the record's `userId`), for `listSessions`. `set`,
   * `update` and `delete` keep the per-user index current.
   */
  listUserSessions?(userId: string): Promise<Array<{ id: string; record: SessionRecord }>>;
  /**
   * Optional: deletes every session of `userId` on every instance and resolves how many ended, for
   * `signOutUser`. A deleted record stays deleted (`update()` then sees `null`).
   */
  deleteUserSessions?(userId: string): Promise<number>;
}

/** The id of a new session in `store`: its `newId`, or 256 random bits. @internal */
export async function newSessionId(store: SessionStore, record: SessionRecord): Promise<string> {
  if (!store.newId) return randomToken(32);
  const id = await store.newId(record);
  if (typeof id === 'string' && id.length >= 32 && id.length <= 256) return id;
  throw new LivepushAuthError(
    'invalid_config',
    "The store's newId() must return a string of 32 to 256 characters (holding at least 256 random bits).",
  );
}
