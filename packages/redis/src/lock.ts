import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { LivepushAuthError } from '@livepush/auth-core';
import type { Connection } from './connection';
import type { KeyLayout } from './keys';
import { defineScript, runScript } from './script';

/** How long a lock lives and how long a waiter waits for it. */
export interface LockSettings {
  /** Overrides the TTL the caller asks for, ms. */
  ttlMs?: number | undefined;
  /** How long to wait for a held lock, ms. Default: the lock's TTL + 1 s, so a crashed holder's lock frees first. */
  waitMs?: number | undefined;
}

/** Runs `task` while holding the lock on `id`. */
export type WithLock = <T>(id: string, ttlMs: number, task: () => Promise<T>) => Promise<T>;

/** The lock a task runs under, as the store's operations inside that task see it. */
export interface LockScope {
  readonly id: string;
  readonly token: string;
  /** Whether the lock and the record share a slot (one script may touch both). */
  readonly colocated: boolean;
  /** The record's raw value as last seen under the lock (`undefined`: not read). */
  raw: string | null | undefined;
  /** `raw` was read with the lock and no `get` has had it yet. */
  fresh: boolean;
  /** A write released the lock already (no release needed at the end). */
  released: boolean;
}

/** The refresh lock and what runs under it. */
export interface Lock {
  withLock: WithLock;
  /** The scope of the lock on `id` the current task runs under, if any. */
  scopeOf(id: string): LockScope | undefined;
}

/** Takes the lock and, when taken, reads the record in the same step: `{1, record}` or `{0}`. */
const ACQUIRE = defineScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('GET', KEYS[2])}
end
return {0}`);

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
 *
 * Fewer round trips for a refresh: when the lock and the record share a slot (`colocated`), taking the
 * lock also reads the record (the task's first `get` of it is answered from that), and the store's
 * write of the record from inside the task releases the lock in the same script.
 */
export function createLock(
  connection: Connection,
  keys: KeyLayout,
  colocated: (id: string) => boolean,
  settings: LockSettings,
): Lock {
  const scopes = new AsyncLocalStorage<LockScope>();
  const release = (key: string, token: string) =>
    connection
      .run((client) => runScript(client, RELEASE, [key], [token]))
      .catch(() => {
        // Unreachable Redis: the lock frees itself after its TTL.
      });

  /** One attempt: `null` when someone else holds the lock, else what was read with it. */
  const attempt = async (id: string, token: string, ttl: number) => {
    const key = keys.lock(id);
    if (colocated(id)) {
      const reply = (await connection.run((client) =>
        runScript(client, ACQUIRE, [key, keys.session(id)], [token, ttl]),
      )) as [number, (string | null)?];
      return reply[0] === 1 ? { raw: reply[1] ?? null } : null;
    }
    const acquired = await connection.run((client) => client.set(key, token, 'PX', ttl, 'NX'));
    return acquired === 'OK' ? { raw: undefined } : null;
  };

  const withLock: WithLock = async (id, ttlMs, task) => {
    const ttl = Math.max(1, Math.ceil(settings.ttlMs ?? ttlMs));
    const waitMs = settings.waitMs ?? ttl + 1_000;
    const key = keys.lock(id);
    const token = randomBytes(16).toString('base64url'); // 128 bits: only its holder can release the lock
    const started = performance.now();
    let delay = FIRST_DELAY_MS;
    let taken: { raw: string | null | undefined } | null;
    for (;;) {
      try {
        taken = await attempt(id, token, ttl);
      } catch (error) {
        // A timed-out SET may still reach Redis; the release queued behind it frees the lock at once.
        void release(key, token);
        throw error;
      }
      if (taken) break;
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
    const scope: LockScope = {
      id,
      token,
      colocated: colocated(id),
      raw: taken.raw,
      fresh: taken.raw !== undefined,
      released: false,
    };
    try {
      return await scopes.run(scope, task);
    } finally {
      if (!scope.released) await release(key, token);
    }
  };

  return {
    withLock,
    scopeOf(id) {
      const scope = scopes.getStore();
      return scope?.id === id ? scope : undefined;
    },
  };
}
