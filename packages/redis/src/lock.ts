import { randomBytes } from 'node:crypto';
import { LivepushAuthError } from '@livepush/auth-core';
import type { Connection } from './connection';
import { defineScript } from './script';

/** How long a lock lives and how long a waiter waits for it. */
export interface LockSettings {
  /** Overrides the TTL the caller asks for, ms. */
  ttlMs?: number | undefined;
  /** How long to wait for a held lock, ms. Default: the lock's TTL + 1 s, so a crashed holder's lock frees first. */
  waitMs?: number | undefined;
}

/** Runs `task` while holding the lock on `id`. */
export type WithLock = <T>(id: string, ttlMs: number, task: () => Promise<T>) => Promise<T>;

/** Deletes the lock only if it still holds our token: never someone else's lock after ours expired. */
const RELEASE = defineScript(
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
);

const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 50;

/** Waits `ms` milliseconds: the store's one sleep (lock polling here, update retries in the store). */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A lock shared by every process using the same Redis: `SET key token NX PX ttl` with a random token,
 * released by compare-and-delete. Waiters poll with a jittered, capped backoff until `waitMs`; a
 * holder that crashes (or loses Redis) frees the lock when its TTL runs out.
 */
export function createLock(
  connection: Connection,
  keyFor: (id: string) => string,
  settings: LockSettings,
): WithLock {
  const release = (key: string, token: string) =>
    connection
      .run((client) => RELEASE.run(client, [key], [token]))
      .catch(() => {
        // Unreachable Redis: the lock frees itself after its TTL.
      });

  return async (id, ttlMs, task) => {
    const ttl = Math.max(1, Math.ceil(settings.ttlMs ?? ttlMs));
    const waitMs = settings.waitMs ?? ttl + 1_000;
    const key = keyFor(id);
    const token = randomBytes(16).toString('base64url'); // 128 bits: only its holder can release the lock
    const started = performance.now();
    let delay = FIRST_DELAY_MS;
    for (;;) {
      let acquired: string | null;
      try {
        acquired = await connection.run((client) => client.set(key, token, 'PX', ttl, 'NX'));
      } catch (error) {
        // A timed-out SET may still reach Redis; the release queued behind it frees the lock at once.
        void release(key, token);
        throw error;
      }
      if (acquired === 'OK') break;
      const left = waitMs - (performance.now() - started);
      if (left <= 0) {
        throw new LivepushAuthError(
          'store_unavailable',
          `The refresh lock stayed taken for ${waitMs} ms; try again (raise lockWaitMs if refreshes are slow).`,
        );
      }
      await sleep(Math.min(left, delay * (0.5 + Math.random() / 2)));
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
    try {
      return await task();
    } finally {
      await release(key, token);
    }
  };
}
