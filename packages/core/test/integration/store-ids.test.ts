import { describe, expect, it } from 'vitest';
import { createMemoryStore, type SessionRecord, type SessionStore } from '../../src/server/index';
import { Browser, setupTest } from './harness';

/** A memory store that records the ids it is written under and, optionally, chooses new ones. */
function recordingStore(newId?: (record: SessionRecord) => string | Promise<string>) {
  const inner = createMemoryStore();
  const written: string[] = [];
  const seen: SessionRecord[] = [];
  const store: SessionStore = {
    get: (id) => inner.get(id),
    set: (id, record, ttl) => {
      written.push(id);
      return inner.set(id, record, ttl);
    },
    delete: (id) => inner.delete(id),
    update: (id, next, ttl) => inner.update(id, next, ttl),
    ...(newId
      ? {
          newId: (record: SessionRecord) => {
            seen.push(record);
            return newId(record);
          },
        }
      : {}),
  };
  return { store, written, seen };
}

describe('SessionStore.newId', () => {
  it('a store that has one names each new session: the core stores and reads it under that id', async () => {
    let n = 0;
    const { store, written, seen } = recordingStore(
      async (record) => `{u.${record.user?.id}}${String(++n).padStart(40, 'x')}`,
    );
    const { browser } = await setupTest({ auth: { store }, mock: { user: { id: 'user-42' } } });
    await browser.signIn();
    expect(written).toEqual([`{u.user-42}${'x'.repeat(39)}1`]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.user?.id).toBe('user-42');
    expect(await browser.session()).toMatchObject({ authenticated: true });
    // A second sign-in (another browser) gets the next id.
    await new Browser(browser.auth).signIn();
    expect(written.at(-1)).toBe(`{u.user-42}${'x'.repeat(39)}2`);
  });

  it('without one, ids are the core’s own 256 random bits', async () => {
    const { store, written } = recordingStore();
    const { browser } = await setupTest({ auth: { store } });
    await browser.signIn();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['too short', 'short-id'],
    ['too long', 'x'.repeat(257)],
    ['not a string', 42 as unknown as string],
  ])('an id that is %s fails the sign-in with invalid_config and stores nothing', async (_, id) => {
    const { store, written } = recordingStore(() => id);
    const { browser } = await setupTest({ auth: { store } });
    const ended = await browser.signIn();
    expect(ended.searchParams.get('error')).toBe('invalid_config');
    expect(written).toEqual([]);
    expect(await browser.session()).toEqual({ authenticated: false });
  });
});
