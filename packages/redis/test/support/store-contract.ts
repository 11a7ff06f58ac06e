import type { SessionRecord, SessionStore } from '@livepush/auth-core/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record, sleep, newId as untaggedId } from './records';

/** A store under test and how to dispose of it. */
export interface ContractSubject {
  store: SessionStore;
  close(): Promise<void>;
  /** Makes the ids the suite uses (default: untagged test ids, like ids from before `newId`). */
  newId?: () => string;
}

/** How the core's refresh writes (sessions.ts `refreshed`): only over the record it refreshed. */
const refreshOver =
  (previousRefreshToken: string | undefined, replacement: SessionRecord) => (current: SessionRecord | null) =>
    current === null ? null : current.tokens.refreshToken === previousRefreshToken ? replacement : current;

/**
 * The `SessionStore` contract every store must pass: the in-memory store and the Redis store run
 * the same suite. `makeSubject` is called once per suite.
 */
export function describeStoreContract(name: string, makeSubject: () => Promise<ContractSubject>): void {
  describe(`SessionStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: SessionStore;
    let newId = untaggedId;
    beforeAll(async () => {
      subject = await makeSubject();
      store = subject.store;
      newId = subject.newId ?? untaggedId;
    });
    afterAll(async () => {
      await subject?.close();
    });

    it('get of an unknown id is null', async () => {
      expect(await store.get(newId())).toBeNull();
    });

    it('set then get returns an equal record, not a shared object', async () => {
      const id = newId();
      const written = record(1);
      await store.set(id, written, 60);
      const read = await store.get(id);
      expect(read).toEqual(written);
      read!.tokens.accessToken = 'changed by the caller';
      written.tokens.refreshToken = 'changed too';
      expect(await store.get(id)).toEqual(record(1));
    });

    it('set replaces; ids are independent', async () => {
      const [a, b] = [newId(), newId()];
      await store.set(a, record(1), 60);
      await store.set(b, record(2), 60);
      await store.set(a, record(3), 60);
      expect(await store.get(a)).toEqual(record(3));
      expect(await store.get(b)).toEqual(record(2));
    });

    it('delete removes the record; deleting an unknown id is fine', async () => {
      const id = newId();
      await store.set(id, record(1), 60);
      await store.delete(id);
      expect(await store.get(id)).toBeNull();
      await expect(store.delete(newId())).resolves.toBeUndefined();
    });

    it('update hands next the current record and stores what it returns', async () => {
      const id = newId();
      await store.set(id, record(1), 60);
      const seen: (SessionRecord | null)[] = [];
      const result = await store.update(
        id,
        (current) => {
          seen.push(current);
          return record(2);
        },
        60,
      );
      expect(seen.at(-1)).toEqual(record(1));
      expect(result).toEqual(record(2));
      expect(await store.get(id)).toEqual(record(2));
    });

    it('update returning null deletes; update of a missing id gets null', async () => {
      const id = newId();
      await store.set(id, record(1), 60);
      expect(await store.update(id, () => null, 60)).toBeNull();
      expect(await store.get(id)).toBeNull();
      let seen: SessionRecord | null | undefined;
      await store.update(
        id,
        (current) => {
          seen = current;
          return current;
        },
        60,
      );
      expect(seen).toBeNull();
      expect(await store.get(id)).toBeNull();
    });

    it('a deleted record stays deleted: a late refresh write does not bring it back', async () => {
      const id = newId();
      await store.set(id, record(1), 60);
      await store.delete(id);
      expect(await store.update(id, refreshOver('refresh-1', record(2)), 60)).toBeNull();
      expect(await store.get(id)).toBeNull();
    });

    it('a refresh write over a record another refresh already replaced keeps the newer one', async () => {
      const id = newId();
      await store.set(id, record(1), 60);
      await store.update(id, refreshOver('refresh-1', record(2)), 60);
      expect(await store.update(id, refreshOver('refresh-1', record(3)), 60)).toEqual(record(2));
      expect(await store.get(id)).toEqual(record(2));
    });

    it('an error thrown by next rejects update and changes nothing', async () => {
      const id = newId();
      await store.set(id, record(1), 60);
      const boom = new Error('boom');
      await expect(
        store.update(
          id,
          () => {
            throw boom;
          },
          60,
        ),
      ).rejects.toBe(boom);
      expect(await store.get(id)).toEqual(record(1));
    });

    it('records expire after their TTL (set and update)', async () => {
      const [a, b] = [newId(), newId()];
      await store.set(a, record(1), 1);
      await store.set(b, record(1), 60);
      await store.update(b, () => record(2), 1);
      expect(await store.get(a)).toEqual(record(1));
      await sleep(1_150);
      expect(await store.get(a)).toBeNull();
      expect(await store.get(b)).toBeNull();
    });

    it('a TTL of 0 stores nothing that can be read', async () => {
      const id = newId();
      await store.set(id, record(1), 0);
      expect(await store.get(id)).toBeNull();
    });

    it('concurrent updates lose no write (50 increments)', async () => {
      const id = newId();
      await store.set(id, record(0), 60);
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.update(
            id,
            (current) => (current ? { ...current, updatedAt: current.updatedAt + 1 } : null),
            60,
          ),
        ),
      );
      expect((await store.get(id))?.updatedAt).toBe(record(0).updatedAt + 50);
    });

    it('logout racing refresh writes always ends logged out', async () => {
      for (let round = 0; round < 20; round++) {
        const id = newId();
        await store.set(id, record(1), 60);
        await Promise.all([
          store.update(id, refreshOver('refresh-1', record(2)), 60),
          store.delete(id),
          store.update(id, refreshOver('refresh-1', record(3)), 60),
          store.update(id, refreshOver('refresh-2', record(4)), 60),
        ]);
        expect(await store.get(id)).toBeNull();
      }
    });

    describe('withLock', () => {
      it('is implemented', () => {
        expect(typeof store.withLock).toBe('function');
      });

      it('runs one task at a time per id and hands back each result', async () => {
        const id = newId();
        let inside = 0;
        let most = 0;
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.withLock!(id, 5_000, async () => {
              inside++;
              most = Math.max(most, inside);
              await sleep(2);
              inside--;
              return i;
            }),
          ),
        );
        expect(most).toBe(1);
        expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
      });

      it('a waiter sees what the holder wrote', async () => {
        const id = newId();
        await store.set(id, record(1), 60);
        const holder = store.withLock!(id, 5_000, async () => {
          await sleep(50);
          await store.update(id, refreshOver('refresh-1', record(2)), 60);
          return 'refreshed';
        });
        await sleep(5);
        const waiter = store.withLock!(id, 5_000, async () => (await store.get(id))?.tokens.accessToken);
        expect(await Promise.all([holder, waiter])).toEqual(['refreshed', 'access-2']);
      });

      it('a failing task rejects and frees the lock', async () => {
        const id = newId();
        const boom = new Error('boom');
        await expect(
          store.withLock!(id, 5_000, async () => {
            throw boom;
          }),
        ).rejects.toBe(boom);
        await expect(store.withLock!(id, 5_000, async () => 'next')).resolves.toBe('next');
      });

      it('locks on different ids do not wait for each other', async () => {
        const [a, b] = [newId(), newId()];
        let release!: () => void;
        const held = store.withLock!(a, 5_000, () => new Promise<void>((resolve) => (release = resolve)));
        await sleep(5);
        await expect(store.withLock!(b, 5_000, async () => 'b')).resolves.toBe('b');
        release();
        await held;
      });
    });
  });
}
