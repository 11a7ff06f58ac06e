import type { SessionRecord, SessionStore } from '@livepush/auth-core/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record, sleep, newId as untaggedId, userRecord } from './records';

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

    describe('per-user sessions (listUserSessions, deleteUserSessions: sign out everywhere)', () => {
      let users = 0;
      /** A user of this test alone. */
      const newUser = () => `contract-user-${process.pid}-${++users}`;
      /** Signs `userId` in `count` times (ids made as the core makes them: the store's newId). */
      const signIn = async (userId: string, count: number, ttlSeconds = 60) => {
        const ids: string[] = [];
        for (let n = 1; n <= count; n++) {
          const written = userRecord(userId, n);
          const id = store.newId ? await store.newId(written) : newId();
          await store.set(id, written, ttlSeconds);
          ids.push(id);
        }
        return ids;
      };
      const listed = async (userId: string) =>
        (await store.listUserSessions!(userId)).map(({ id }) => id).sort();

      it('are implemented', () => {
        expect(typeof store.listUserSessions).toBe('function');
        expect(typeof store.deleteUserSessions).toBe('function');
      });

      it('listUserSessions lists each live session of the user with its record, and nobody else’s', async () => {
        const [ada, bob] = [newUser(), newUser()];
        const adas = await signIn(ada, 3);
        await signIn(bob, 2);
        await store.set(newId(), record(9), 60); // a session without a user
        const sessions = await store.listUserSessions!(ada);
        expect(sessions.map(({ id }) => id).sort()).toEqual([...adas].sort());
        for (const { id, record: listedRecord } of sessions)
          expect(listedRecord).toEqual(userRecord(ada, adas.indexOf(id) + 1));
        expect(await listed(bob)).toHaveLength(2);
        expect(await store.listUserSessions!(newUser())).toEqual([]);
      });

      it('delete, an update to null and a TTL of 0 take a session off the list', async () => {
        const ada = newUser();
        const [a, b, c, d] = await signIn(ada, 4);
        await store.delete(a!);
        await store.update(b!, () => null, 60);
        await store.set(c!, userRecord(ada, 3), 0);
        expect(await listed(ada)).toEqual([d]);
      });

      it('deleteUserSessions ends every session of the user, answers how many, leaves other users alone', async () => {
        const [ada, bob] = [newUser(), newUser()];
        const adas = await signIn(ada, 3);
        const bobs = await signIn(bob, 2);
        expect(await store.deleteUserSessions!(ada)).toBe(3);
        for (const id of adas) expect(await store.get(id)).toBeNull();
        expect(await store.listUserSessions!(ada)).toEqual([]);
        expect(await store.deleteUserSessions!(ada)).toBe(0);
        for (const [i, id] of bobs.entries()) expect(await store.get(id)).toEqual(userRecord(bob, i + 1));
        expect(await listed(bob)).toEqual([...bobs].sort());
        // The user signs in again afterwards: a new session, listed alone.
        const [again] = await signIn(ada, 1);
        expect(await listed(ada)).toEqual([again]);
      });

      it('a session ended by deleteUserSessions stays ended: a late refresh write does not bring it back', async () => {
        const ada = newUser();
        const [id] = await signIn(ada, 1);
        expect(await store.deleteUserSessions!(ada)).toBe(1);
        expect(await store.update(id!, refreshOver('refresh-1', userRecord(ada, 2)), 60)).toBeNull();
        expect(await store.get(id!)).toBeNull();
        expect(await store.listUserSessions!(ada)).toEqual([]);
      });

      it('refreshes racing deleteUserSessions always end signed out (20 rounds)', async () => {
        for (let round = 0; round < 20; round++) {
          const ada = newUser();
          const ids = await signIn(ada, 3);
          const [, ended] = await Promise.all([
            Promise.all(
              ids.map((id, i) => store.update(id, refreshOver('refresh-1', userRecord(ada, 10 + i)), 60)),
            ),
            store.deleteUserSessions!(ada),
          ]);
          expect(ended).toBe(3);
          for (const id of ids) expect(await store.get(id)).toBeNull();
          expect(await store.listUserSessions!(ada)).toEqual([]);
        }
      });

      it('an updated session stays listed with its new record', async () => {
        const ada = newUser();
        const [id] = await signIn(ada, 1);
        await store.update(id!, () => userRecord(ada, 7), 60);
        expect(await store.listUserSessions!(ada)).toEqual([{ id, record: userRecord(ada, 7) }]);
      });

      it('sessions leave the list when they expire', async () => {
        const ada = newUser();
        const [short] = await signIn(ada, 1, 1);
        const [long] = await signIn(ada, 1, 60);
        expect(await listed(ada)).toEqual([short, long].sort());
        await sleep(1_150);
        expect(await listed(ada)).toEqual([long]);
        expect(await store.deleteUserSessions!(ada)).toBe(1);
      });
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
