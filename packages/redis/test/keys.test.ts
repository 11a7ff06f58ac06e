import type { SessionRecord } from '@livepush/auth-core/server';
import { describe, expect, it } from 'vitest';
import { createRedisStore } from '../src/index';
import { createKeyLayout, tagOf } from '../src/keys';
import { slotOf } from '../src/slot';
import { ENCRYPT, record } from './support/records';

const OLD_SECRET = 'an-older-secret-for-records-at-rest-00';
const withUser = (id: string | undefined): SessionRecord =>
  ({ ...record(0), user: id === undefined ? null : { id, name: 'Ada' } }) as unknown as SessionRecord;

describe('session ids and keys', () => {
  const keys = createKeyLayout('livepush:', [ENCRYPT.secret]);

  it('a session with a user: {u.<22 characters>}<43 random characters>, the tag the same for each of the user’s sessions', () => {
    const [a, b] = [keys.newId(withUser('user-1')), keys.newId(withUser('user-1'))];
    expect(a).toMatch(/^\{u\.[A-Za-z0-9_-]{22}\}[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(tagOf(a)).toBe(tagOf(b));
    expect(tagOf(a)).not.toBe(tagOf(keys.newId(withUser('user-2'))));
    expect(keys.userTags('user-1')).toEqual([tagOf(a)]);
  });

  it('a session without a user: a random tag of its own', () => {
    const ids = Array.from({ length: 20 }, () => keys.newId(withUser(undefined)));
    for (const id of ids) expect(id).toMatch(/^\{s\.[A-Za-z0-9_-]{8}\}[A-Za-z0-9_-]{43}$/);
    expect(new Set(ids.map(tagOf)).size).toBe(20);
  });

  it('every key of a session holds its id, so record and lock share the tag’s slot; the user index too', () => {
    const id = keys.newId(withUser('user-1'));
    const tag = tagOf(id)!;
    expect(keys.session(id)).toBe(`livepush:session:${id}`);
    expect(keys.lock(id)).toBe(`livepush:lock:${id}`);
    expect(keys.userIndex(tag)).toBe(`livepush:user:{${tag}}`);
    const slot = slotOf(keys.session(id));
    expect(slotOf(keys.lock(id))).toBe(slot);
    expect(slotOf(keys.userIndex(tag))).toBe(slot);
  });

  it('ids from before (no tag) keep their keys: nothing to migrate', () => {
    const legacy = 'a'.repeat(43);
    expect(tagOf(legacy)).toBeUndefined();
    expect(keys.session(legacy)).toBe(`livepush:session:${legacy}`);
    expect(keys.lock(legacy)).toBe(`livepush:lock:${legacy}`);
  });

  it('user tags are keyed by the encryption secret (no user id, nor a plain hash of one, in Redis); rotation keeps the old tags findable', () => {
    const other = createKeyLayout('livepush:', ['another-secret-for-records-at-rest-xyz']);
    expect(other.userTags('user-1')).not.toEqual(keys.userTags('user-1'));
    expect(keys.newId(withUser('user-1'))).not.toContain('user-1');
    const rotated = createKeyLayout('livepush:', ['a-brand-new-secret-for-records-98765', ENCRYPT.secret]);
    const tags = rotated.userTags('user-1');
    expect(tags).toHaveLength(2);
    expect(tags[1]).toBe(keys.userTags('user-1')[0]); // the old secret's tag: sessions made before rotation
    expect(tagOf(rotated.newId(withUser('user-1')))).toBe(tags[0]); // new sessions: the new secret's
    // Without encryption there is no secret: tags are still an HMAC, under a fixed key.
    expect(createKeyLayout('livepush:', undefined).userTags('user-1')[0]).toMatch(/^u\.[A-Za-z0-9_-]{22}$/);
  });

  it('the store hands the core these ids (SessionStore.newId)', async () => {
    const store = createRedisStore({ url: 'redis://127.0.0.1:1', encrypt: ENCRYPT });
    expect(tagOf(store.newId(withUser('user-1')))).toBe(keys.userTags('user-1')[0]);
    await store.close();
    const rotating = createRedisStore({ url: 'redis://127.0.0.1:1', encrypt: { secret: [OLD_SECRET] } });
    expect(tagOf(rotating.newId(withUser('user-1')))).not.toBe(keys.userTags('user-1')[0]);
    await rotating.close();
  });

  it('slots: the CRC16 of the hash tag (or of the whole key) modulo 16384', () => {
    // Reference values from the Redis Cluster specification and CLUSTER KEYSLOT.
    expect(slotOf('123456789')).toBe(0x31c3 % 16_384);
    expect(slotOf('foo')).toBe(12_182);
    expect(slotOf('{foo}bar')).toBe(12_182);
    expect(slotOf('{}foo')).not.toBe(slotOf('foo')); // an empty tag: the whole key is hashed
  });
});
