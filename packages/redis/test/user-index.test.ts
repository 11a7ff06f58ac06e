import { isLivepushAuthError } from '@livepush/auth-core';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisStore, redisClientOptions } from '../src/index';
import { createKeyLayout } from '../src/keys';
import { ENCRYPT, newId, record, sleep, userRecord } from './support/records';
import { useRedis } from './support/redis-fixture';
import { watchRequests } from './support/round-trips';

const fixture = useRedis();
const { open } = fixture;

const NEW_SECRET = 'a-brand-new-secret-for-records-98765';
let prefixes = 0;
/** A key prefix of the test's own, so it sees only its keys. */
const prefix = () => `ui${++prefixes}:`;

/** The index of `userId` under the first secret of `secrets`, as `<prefix>user:{u.<tag>}`. */
const indexKey = (keyPrefix: string, userId: string, secrets: readonly string[] = [ENCRYPT.secret]) => {
  const keys = createKeyLayout(keyPrefix, secrets);
  return keys.userIndex(keys.userTags(userId)[0]!);
};

/** The index as Redis holds it: `[id, score]` pairs, lowest score first. */
async function indexOf(key: string): Promise<[string, number][]> {
  const flat = await fixture.raw.zrange(key, 0, -1, 'WITHSCORES');
  const pairs: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, Number(flat[i + 1])]);
  return pairs;
}

describe('the per-user index in Redis', () => {
  it('is a ZSET <prefix>user:{u.<tag>}: member = session id, score = its expiry (epoch ms); the key expires with the last session', async () => {
    const keyPrefix = prefix();
    const store = open({ keyPrefix });
    const index = indexKey(keyPrefix, 'ada');
    const short = store.newId(userRecord('ada', 1));
    const long = store.newId(userRecord('ada', 2));
    const before = Date.now();
    await store.set(short, userRecord('ada', 1), 60);
    await store.set(long, userRecord('ada', 2), 3600);
    const after = Date.now();
    expect(index).toMatch(new RegExp(`^${keyPrefix}user:\\{u\\.[A-Za-z0-9_-]{22}\\}$`));
    expect(await fixture.raw.type(index)).toBe('zset');
    const members = await indexOf(index);
    expect(members.map(([id]) => id)).toEqual([short, long]);
    expect(members[0]![1]).toBeGreaterThanOrEqual(before + 60_000 - 5);
    expect(members[0]![1]).toBeLessThanOrEqual(after + 60_000 + 5);
    expect(members[1]![1]).toBeGreaterThanOrEqual(before + 3_600_000 - 5);
    // The key's expiry is its latest member's, to the millisecond.
    expect(await fixture.raw.pexpiretime(index)).toBe(members[1]![1]);
    // Ending the longest session brings the key's expiry down to the one left; ending that one removes the key.
    await store.delete(long);
    expect(await fixture.raw.pexpiretime(index)).toBe(members[0]![1]);
    await store.delete(short);
    expect(await fixture.raw.exists(index)).toBe(0);
    // The index holds no user id.
    expect(index).not.toContain('ada');
  });

  it('an update (a refresh) moves the session’s score to its new expiry', async () => {
    const keyPrefix = prefix();
    const store = open({ keyPrefix });
    const index = indexKey(keyPrefix, 'ada');
    const id = store.newId(userRecord('ada'));
    await store.set(id, userRecord('ada', 1), 60);
    await store.update(id, () => userRecord('ada', 2), 7200);
    const [[member, score]] = (await indexOf(index)) as [[string, number]];
    expect(member).toBe(id);
    expect(score).toBeGreaterThan(Date.now() + 7_190_000);
    expect(await fixture.raw.pexpiretime(index)).toBe(score);
    const recordExpiry = await fixture.raw.pexpiretime(store.keyOf(id));
    expect(Math.abs(recordExpiry - score)).toBeLessThanOrEqual(5);
  });

  it('expired members are pruned on the next write and on a read; the key expires with its sessions (TTL)', async () => {
    const keyPrefix = prefix();
    const store = open({ keyPrefix });
    const index = indexKey(keyPrefix, 'ada');
    const [a, b, c] = [1, 2, 3].map(() => store.newId(userRecord('ada')));
    await store.set(a!, userRecord('ada', 1), 1);
    await store.set(c!, userRecord('ada', 3), 60); // keeps the key alive
    await sleep(1_100);
    expect(await store.get(a!)).toBeNull();
    expect((await indexOf(index)).map(([id]) => id)).toEqual([a, c]); // expired, not yet pruned
    await store.set(b!, userRecord('ada', 2), 1);
    expect((await indexOf(index)).map(([id]) => id)).toEqual([b, c]); // pruned by the write
    // A member whose record is gone is pruned by a read too.
    await fixture.raw.zadd(index, Date.now() - 1_000, 'stale-id');
    expect((await store.listUserSessions('ada')).map(({ id }) => id).sort()).toEqual([b, c].sort());
    expect((await indexOf(index)).map(([id]) => id)).toEqual([b, c]);
    // The ZSET key itself expires with its last session: nothing is left behind in Redis.
    await store.delete(c!);
    expect(await fixture.raw.exists(index)).toBe(1);
    await sleep(1_100);
    expect(await fixture.raw.exists(index)).toBe(0);
    expect(await fixture.raw.keys(`${keyPrefix}*`)).toEqual([]);
  });

  it('sessions without a user, and untagged ids (older ids), are not indexed', async () => {
    const keyPrefix = prefix();
    const store = open({ keyPrefix });
    const anonymous = store.newId(record(1)); // {s.<random>}…
    await store.set(anonymous, record(1), 60);
    const untagged = newId(); // an id from before newId
    await store.set(untagged, userRecord('ada', 1), 60);
    expect(await store.get(untagged)).toEqual(userRecord('ada', 1));
    expect(await fixture.raw.keys(`${keyPrefix}user:*`)).toEqual([]);
    expect(await store.listUserSessions('ada')).toEqual([]);
    expect(await store.deleteUserSessions('ada')).toBe(0);
    expect(await store.get(untagged)).toEqual(userRecord('ada', 1));
  });

  it('newId tags by record.userId, else the profile id', async () => {
    const keys = createKeyLayout('x:', [ENCRYPT.secret]);
    const [tag] = keys.userTags('ada');
    const byUserId = { ...record(1), userId: 'ada', user: null } as never;
    expect(keys.tagOf(keys.newId(byUserId))).toBe(tag);
    expect(keys.tagOf(keys.newId(userRecord('ada')))).toBe(tag);
    const both = { ...record(1), userId: 'ada', user: { id: 'someone-else' } } as never;
    expect(keys.tagOf(keys.newId(both))).toBe(tag);
  });

  it('key rotation: [new, old] lists and deletes the sessions tagged under either secret', async () => {
    const keyPrefix = prefix();
    const old = open({ keyPrefix });
    const rotated = open({ keyPrefix, encrypt: { secret: [NEW_SECRET, ENCRYPT.secret] } });
    const before = old.newId(userRecord('ada'));
    await old.set(before, userRecord('ada', 1), 60);
    const after = rotated.newId(userRecord('ada'));
    await rotated.set(after, userRecord('ada', 2), 60);
    const bob = rotated.newId(userRecord('bob'));
    await rotated.set(bob, userRecord('bob', 1), 60);
    // Two tags (one per secret): two index keys.
    expect(await fixture.raw.exists(indexKey(keyPrefix, 'ada'))).toBe(1);
    expect(await fixture.raw.exists(indexKey(keyPrefix, 'ada', [NEW_SECRET]))).toBe(1);
    expect((await rotated.listUserSessions('ada')).map(({ id }) => id).sort()).toEqual(
      [before, after].sort(),
    );
    // The old store knows only the old tag.
    expect((await old.listUserSessions('ada')).map(({ id }) => id)).toEqual([before]);
    expect(await rotated.deleteUserSessions('ada')).toBe(2);
    expect(await rotated.get(before)).toBeNull();
    expect(await rotated.get(after)).toBeNull();
    expect(await rotated.get(bob)).toEqual(userRecord('bob', 1));
    expect(await fixture.raw.keys(`${keyPrefix}user:*`)).toEqual([indexKey(keyPrefix, 'bob', [NEW_SECRET])]);
  });

  it('sign-ins racing deleteUserSessions leave index and records in step (no listed session without a record, no record unlisted)', async () => {
    const keyPrefix = prefix();
    const [a, b] = [open({ keyPrefix }), open({ keyPrefix })];
    for (let round = 0; round < 10; round++) {
      const user = `racer-${round}`;
      const signIn = async () => {
        const id = a.newId(userRecord(user));
        await a.set(id, userRecord(user, round), 60);
        return id;
      };
      await Promise.all([signIn(), signIn()]);
      const [, ended] = await Promise.all([signIn(), b.deleteUserSessions(user), signIn(), signIn()]);
      const [tag] = createKeyLayout(keyPrefix, [ENCRYPT.secret]).userTags(user);
      const members = (await indexOf(indexKey(keyPrefix, user))).map(([id]) => id).sort();
      const records = (await fixture.raw.keys(`${keyPrefix}session:{${tag}}*`))
        .map((key) => key.slice(`${keyPrefix}session:`.length))
        .sort();
      expect(members).toEqual(records);
      expect((await b.listUserSessions(user)).map(({ id }) => id).sort()).toEqual(members);
      // Each of the 5 sessions was either ended or is still listed (signed in after the delete).
      expect(ended + members.length).toBe(5);
      expect(ended).toBeGreaterThanOrEqual(2);
      expect(await b.deleteUserSessions(user)).toBe(members.length);
    }
  });

  it('a sign-in between reading the index and deleting: the delete reads again and ends that session too', async () => {
    const keyPrefix = prefix();
    const other = open({ keyPrefix });
    // The store's client runs `interfere` right before its next pipeline (the delete script) is sent.
    let interfere: (() => Promise<unknown>) | undefined;
    const client = new Redis(fixture.redis.url, redisClientOptions());
    const pipeline = client.pipeline.bind(client);
    client.pipeline = ((...args: Parameters<typeof pipeline>) => {
      const queued = pipeline(...args);
      const exec = queued.exec.bind(queued);
      queued.exec = (async () => {
        await interfere?.();
        return exec();
      }) as typeof queued.exec;
      return queued;
    }) as typeof client.pipeline;
    const store = fixture.track(createRedisStore({ client, keyPrefix, encrypt: ENCRYPT }));
    const signIn = async () => {
      const id = other.newId(userRecord('ada'));
      await other.set(id, userRecord('ada'), 60);
      return id;
    };
    await signIn();
    expect(await store.deleteUserSessions('ada')).toBe(1); // the connection open and the scripts known
    const ids = [await signIn(), await signIn()];
    interfere = async () => {
      interfere = undefined; // once
      ids.push(await signIn());
    };
    const requests = watchRequests(client);
    expect(await store.deleteUserSessions('ada')).toBe(3);
    requests.stop();
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(await other.get(id)).toBeNull();
    // Index, delete (refused: a new member), index again, delete.
    expect(requests.commands).toEqual(['evalsha', 'evalsha', 'evalsha', 'evalsha']);
    // A user who keeps signing in faster than the delete runs: a clear error after 16 tries, nothing half done.
    await signIn();
    interfere = async () => {
      const again = interfere;
      await signIn();
      interfere = again;
    };
    const error = await store.deleteUserSessions('ada').catch((e: unknown) => e);
    interfere = undefined;
    expect(isLivepushAuthError(error, 'store_unavailable')).toBe(true);
    expect((error as Error).message).toMatch(/signed in again 16 times.*try again/);
    expect(await store.deleteUserSessions('ada')).toBe(17);
    client.disconnect();
  });

  it('writes stay one round trip each (sign-in, logout); listing is two per secret; deleting two', async () => {
    const keyPrefix = prefix();
    const store = open({ keyPrefix });
    await store.set(store.newId(userRecord('warm')), userRecord('warm'), 60); // connection open, scripts known
    await store.listUserSessions('warm');
    await store.deleteUserSessions('warm');
    const id = store.newId(userRecord('ada'));
    const watched = async (action: () => Promise<unknown>) => {
      const requests = watchRequests(store.client);
      await action();
      requests.stop();
      return { roundTrips: requests.roundTrips, commands: [...requests.commands] };
    };
    expect(await watched(() => store.set(id, userRecord('ada'), 60))).toEqual({
      roundTrips: 1,
      commands: ['evalsha'],
    });
    expect(await watched(() => store.get(id))).toEqual({ roundTrips: 1, commands: ['get'] });
    expect(await watched(() => store.listUserSessions('ada'))).toEqual({
      roundTrips: 2,
      commands: ['evalsha', 'mget'],
    });
    expect(await watched(() => store.deleteUserSessions('ada'))).toEqual({
      roundTrips: 2,
      commands: ['evalsha', 'evalsha'],
    });
    await store.set(id, userRecord('ada'), 60);
    expect(await watched(() => store.delete(id))).toEqual({ roundTrips: 1, commands: ['evalsha'] });
  });

  it('scripts Redis forgot (SCRIPT FLUSH, a restart) are sent again by source', async () => {
    const keyPrefix = prefix();
    const store = open({ keyPrefix });
    const id = store.newId(userRecord('ada'));
    await store.set(id, userRecord('ada'), 60);
    await fixture.raw.script('FLUSH');
    expect((await store.listUserSessions('ada')).map(({ id }) => id)).toEqual([id]);
    await fixture.raw.script('FLUSH');
    expect(await store.deleteUserSessions('ada')).toBe(1);
    await fixture.raw.script('FLUSH');
    await store.set(id, userRecord('ada'), 60);
    expect(await store.get(id)).toEqual(userRecord('ada'));
  });

  it('a user id that is not a non-empty string → invalid_request', async () => {
    const store = open();
    for (const bad of ['', undefined, 42] as unknown as string[]) {
      for (const call of [() => store.listUserSessions(bad), () => store.deleteUserSessions(bad)]) {
        const error = await call().catch((e: unknown) => e);
        expect(isLivepushAuthError(error, 'invalid_request')).toBe(true);
        expect((error as Error).message).toMatch(/userId/);
      }
    }
  });

  it('a record the store cannot read (another secret) is not listed, but is ended', async () => {
    const keyPrefix = prefix();
    const store = open({ keyPrefix, onError: () => {} });
    const id = store.newId(userRecord('ada'));
    await store.set(id, userRecord('ada'), 60);
    const value = (await fixture.raw.get(store.keyOf(id)))!;
    await fixture.raw.set(store.keyOf(id), `${value.slice(0, -4)}AAAA`, 'KEEPTTL');
    expect(await store.listUserSessions('ada')).toEqual([]);
    expect(await store.deleteUserSessions('ada')).toBe(1);
    expect(await fixture.raw.exists(store.keyOf(id))).toBe(0);
  });
});
