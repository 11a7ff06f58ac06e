import { describe, expect, it } from 'vitest';
import type { LivepushUser } from '../../src/index';
import { createMemoryStore, type SessionRecord } from '../../src/server/index';

const HOUR = 3600;

/** A session record of `userId` (`null`: a session without a profile). */
function record(userId: string | null): SessionRecord {
  const user = userId === null ? null : ({ id: userId, username: userId } as LivepushUser);
  return {
    v: 1,
    tokens: { accessToken: 'at', tokenType: 'access_token', expiresAt: 0, scopes: [] },
    user,
    createdAt: 0,
    updatedAt: 0,
  };
}

describe('createMemoryStore: fair when full', () => {
  it("one account signing in 10,000 times does not evict other users' live sessions", async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 100; i++) await store.set(`user-${i}`, record(`u${i}`), HOUR);
    for (let i = 0; i < 10_000; i++) await store.set(`mallory-${i}`, record('mallory'), HOUR);
    for (let i = 0; i < 100; i++) expect(await store.get(`user-${i}`), `user-${i}`).not.toBeNull();
    // The account keeps its 10 most recent sessions (maxSessionsPerUser's default).
    for (let i = 9_990; i < 10_000; i++) expect(await store.get(`mallory-${i}`)).not.toBeNull();
    expect(await store.get('mallory-9989')).toBeNull();
    expect(await store.get('mallory-0')).toBeNull();
  });

  it('when full, expired sessions go first, then the least recently used (a read counts as use)', async () => {
    let now = 1_000_000;
    const store = createMemoryStore({ now: () => now, maxEntries: 3 });
    await store.set('short', record('a'), 10);
    await store.set('b', record('b'), HOUR);
    await store.set('c', record('c'), HOUR);
    now += 11_000; // "short" expired, though it is not the least recently used any more:
    expect(await store.get('b')).not.toBeNull();
    await store.set('d', record('d'), HOUR);
    expect(await store.get('c')).not.toBeNull();
    expect(await store.get('b')).not.toBeNull();
    expect(await store.get('d')).not.toBeNull();
    // Now c (read first above) is the least recently used: it goes, the others stay.
    await store.set('e', record('e'), HOUR);
    expect(await store.get('c')).toBeNull();
    for (const id of ['b', 'd', 'e']) expect(await store.get(id), id).not.toBeNull();
  });

  it("maxSessionsPerUser ends a user's least recently used session only; sessions without a profile are not counted per user", async () => {
    const store = createMemoryStore({ maxSessionsPerUser: 2 });
    await store.set('ada-1', record('ada'), HOUR);
    await store.set('ada-2', record('ada'), HOUR);
    await store.set('bob-1', record('bob'), HOUR);
    for (let i = 0; i < 5; i++) await store.set(`anonymous-${i}`, record(null), HOUR);
    expect(await store.get('ada-1')).not.toBeNull(); // used: ada-2 is now her least recently used
    await store.set('ada-3', record('ada'), HOUR);
    expect(await store.get('ada-2')).toBeNull();
    for (const id of ['ada-1', 'ada-3', 'bob-1', 'anonymous-0', 'anonymous-4'])
      expect(await store.get(id), id).not.toBeNull();
    // Rewriting a session (a refresh) is no new session; deleting one frees a place.
    await store.update('ada-1', (current) => current, HOUR);
    expect(await store.get('ada-3')).not.toBeNull();
    await store.delete('ada-1');
    await store.set('ada-4', record('ada'), HOUR);
    expect(await store.get('ada-3')).not.toBeNull();
    expect(await store.get('ada-4')).not.toBeNull();
  });

  it('validates its limits', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, '10'])
      for (const key of ['maxEntries', 'maxSessionsPerUser'] as const)
        expect(() => createMemoryStore({ [key]: bad as number })).toThrow(
          expect.objectContaining({ code: 'invalid_config', message: expect.stringContaining(key) }),
        );
  });
});

describe('createMemoryStore: the per-user index (listUserSessions, deleteUserSessions)', () => {
  it("follows the record's userId (else its profile's id) through set, update and delete", async () => {
    const store = createMemoryStore();
    await store.set('a', { ...record(null), userId: 'ada' }, HOUR);
    await store.set('b', record('ada'), HOUR);
    await store.set('c', record('bob'), HOUR);
    await store.set('d', record(null), HOUR);
    const ids = async (user: string) => (await store.listUserSessions!(user)).map(({ id }) => id).sort();
    expect(await ids('ada')).toEqual(['a', 'b']);
    expect((await store.listUserSessions!('ada')).find(({ id }) => id === 'a')!.record.userId).toBe('ada');
    await store.update('b', (current) => current && { ...current, userId: 'bob' }, HOUR);
    expect(await ids('ada')).toEqual(['a']);
    expect(await ids('bob')).toEqual(['b', 'c']);
    await store.delete('c');
    expect(await ids('bob')).toEqual(['b']);
    expect(await store.deleteUserSessions!('bob')).toBe(1);
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).not.toBeNull();
    expect(await store.get('d')).not.toBeNull();
  });

  it('a deleted session stays deleted: a late update sees null', async () => {
    const store = createMemoryStore();
    await store.set('a', record('ada'), HOUR);
    expect(await store.deleteUserSessions!('ada')).toBe(1);
    let seen: SessionRecord | null | undefined;
    await store.update(
      'a',
      (current) => {
        seen = current;
        return current;
      },
      HOUR,
    );
    expect(seen).toBeNull();
    expect(await store.listUserSessions!('ada')).toEqual([]);
  });

  it('expired sessions are neither listed nor counted', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    await store.set('old', record('ada'), 10);
    await store.set('new', record('ada'), HOUR);
    now = 11_000;
    expect((await store.listUserSessions!('ada')).map(({ id }) => id)).toEqual(['new']);
    expect(await store.deleteUserSessions!('ada')).toBe(1);
  });
});
