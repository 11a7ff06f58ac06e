import { isLivepushAuthError } from '@livepush/auth-core';
import { sealerSecretProblem } from '@livepush/auth-core/server';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisStore, type RedisStoreOptions } from '../src/index';
import { ENCRYPT, newId, record } from './support/records';
import { useRedis } from './support/redis-fixture';

const fixture = useRedis();
const { open } = fixture;

const SECRET = 'a-secret-for-records-at-rest-0123456789';

describe('keys and TTL', () => {
  it('keeps a record under <keyPrefix>session:<id> with a TTL of the session lifetime', async () => {
    const store = open({ encrypt: false });
    const id = newId();
    await store.set(id, record(1), 3600);
    expect(store.keyOf(id)).toBe(`livepush:session:${id}`);
    const ttl = await fixture.raw.pttl(`livepush:session:${id}`);
    expect(ttl).toBeGreaterThan(3_599_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    expect(JSON.parse((await fixture.raw.get(`livepush:session:${id}`))!)).toEqual(record(1));
  });

  it('update sets the TTL it is given', async () => {
    const store = open({ keyPrefix: 'app2:' });
    const id = newId();
    await store.set(id, record(1), 3600);
    await store.update(id, () => record(2), 120);
    const ttl = await fixture.raw.pttl(`app2:session:${id}`);
    expect(ttl).toBeGreaterThan(119_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it('stores with different prefixes do not see each other', async () => {
    const [a, b] = [open({ keyPrefix: 'a:' }), open({ keyPrefix: 'b:' })];
    const id = newId();
    await a.set(id, record(1), 60);
    expect(await b.get(id)).toBeNull();
  });

  it('a value that is not a record reads as no session', async () => {
    const store = open();
    const id = newId();
    for (const value of ['garbage', '{}', '{"v":2}', 'null', '[]']) {
      await fixture.raw.set(store.keyOf(id), value);
      expect(await store.get(id)).toBeNull();
    }
  });

  it('concurrent updates from separate clients (4 stores × 25) lose no write', async () => {
    const id = newId();
    const instances = Array.from({ length: 4 }, () => open());
    await instances[0]!.set(id, record(0), 60);
    await Promise.all(
      instances.flatMap((store) =>
        Array.from({ length: 25 }, () =>
          store.update(
            id,
            (current) => (current ? { ...current, updatedAt: current.updatedAt + 1 } : null),
            60,
          ),
        ),
      ),
    );
    expect((await instances[3]!.get(id))?.updatedAt).toBe(record(0).updatedAt + 100);
  });

  it('a logout on one instance racing refreshes on three others always ends logged out', async () => {
    const instances = Array.from({ length: 4 }, () => open());
    for (let round = 0; round < 10; round++) {
      const id = newId();
      await instances[0]!.set(id, record(1), 60);
      await Promise.all([
        ...instances
          .slice(1)
          .map((store, i) =>
            store.update(
              id,
              (current) => (current?.tokens.refreshToken === 'refresh-1' ? record(10 + i) : current),
              60,
            ),
          ),
        instances[0]!.delete(id),
      ]);
      expect(await fixture.raw.exists(instances[0]!.keyOf(id))).toBe(0);
    }
  });
});

describe('encryption at rest', () => {
  it('the raw value holds no token and no profile; the store reads it back', async () => {
    const store = open({ encrypt: { secret: SECRET } });
    const id = newId();
    const secretRecord = { ...record(1), user: { name: 'Ada Lovelace', email: 'ada@example.com' } } as never;
    await store.set(id, secretRecord, 60);
    const value = (await fixture.raw.get(store.keyOf(id)))!;
    expect(value).toMatch(/^e1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+$/);
    // Neither in the text Redis holds nor in the sealed bytes under it. (A short word like 'Ada' is
    // looked for in the bytes only: three letters turn up in ~500 random base64url characters about
    // once in 500 runs, in the bytes about once in 40,000.)
    const sealed = Buffer.from(value.split('.')[2]!, 'base64url');
    for (const secret of ['access-1', 'refresh-1', 'Ada', 'Lovelace', 'ada@example.com', 'profile.read']) {
      if (secret.length >= 8) expect(value).not.toContain(secret);
      expect(sealed.includes(Buffer.from(secret)), secret).toBe(false);
    }
    expect(await store.get(id)).toEqual(secretRecord);
    // Encrypted afresh on every write (random IV).
    await store.set(id, secretRecord, 60);
    expect(await fixture.raw.get(store.keyOf(id))).not.toBe(value);
  });

  it('rotation: [new, old] reads old records and writes under the new key', async () => {
    const old = open({ encrypt: { secret: SECRET } });
    const rotated = open({ encrypt: { secret: ['a-brand-new-secret-for-records-98765', SECRET] } });
    const id = newId();
    await old.set(id, record(1), 60);
    expect(await rotated.get(id)).toEqual(record(1));
    await rotated.update(id, () => record(2), 60);
    expect(await rotated.get(id)).toEqual(record(2));
    expect(await old.get(id)).toBeNull();
  });

  it('another secret, a plaintext store, a tampered value or a value moved to another id read as no session', async () => {
    const store = open({ encrypt: { secret: SECRET } });
    const foreign = open({ encrypt: { secret: 'another-secret-for-records-at-rest-xyz' } });
    const plain = open({ encrypt: false });
    const id = newId();
    await store.set(id, record(1), 60);
    expect(await foreign.get(id)).toBeNull();
    expect(await plain.get(id)).toBeNull();
    const value = (await fixture.raw.get(store.keyOf(id)))!;
    const flipped = value.slice(0, -2) + (value.at(-2) === 'A' ? 'B' : 'A') + value.at(-1);
    await fixture.raw.set(store.keyOf(id), flipped);
    expect(await store.get(id)).toBeNull();
    const other = newId();
    await fixture.raw.set(store.keyOf(other), value);
    expect(await store.get(other)).toBeNull();
    // And a plaintext record is not accepted by an encrypting store.
    await plain.set(id, record(1), 60);
    expect(await store.get(id)).toBeNull();
  });
});

describe('options', () => {
  const invalid: [string, unknown][] = [
    ['no options', undefined],
    ['neither client nor url', { encrypt: false }],
    [
      'both client and url',
      { url: 'redis://127.0.0.1:1', client: new Redis({ lazyConnect: true }), encrypt: false },
    ],
    ['a non-redis url', { url: 'http://127.0.0.1:6379', encrypt: false }],
    ['an unparsable url', { url: 'not a url', encrypt: false }],
    ['a client that is not one', { client: { get() {} }, encrypt: false }],
    ['a short encryption secret', { url: 'redis://127.0.0.1:1', encrypt: { secret: 'short' } }],
    ['an empty secret list', { url: 'redis://127.0.0.1:1', encrypt: { secret: [] } }],
    ['encrypt without secret', { url: 'redis://127.0.0.1:1', encrypt: {} }],
    ['a non-string prefix', { url: 'redis://127.0.0.1:1', keyPrefix: 7, encrypt: false }],
    ['a zero lock TTL', { url: 'redis://127.0.0.1:1', lockTtlMs: 0, encrypt: false }],
    ['a negative lock wait', { url: 'redis://127.0.0.1:1', lockWaitMs: -1, encrypt: false }],
    [
      'an infinite timeout',
      { url: 'redis://127.0.0.1:1', timeoutMs: Number.POSITIVE_INFINITY, encrypt: false },
    ],
    ['an onError that is not a function', { url: 'redis://127.0.0.1:1', onError: 'log', encrypt: false }],
    ['no encrypt at all', { url: 'redis://127.0.0.1:1' }],
    ['encrypt: true', { url: 'redis://127.0.0.1:1', encrypt: true }],
    [
      'a readPlaintext that is not a boolean',
      { url: 'redis://127.0.0.1:1', encrypt: { ...ENCRYPT, readPlaintext: 'yes' } },
    ],
    [
      'both url and cluster',
      { url: 'redis://127.0.0.1:1', cluster: ['redis://127.0.0.1:2'], encrypt: false },
    ],
    ['an empty cluster', { cluster: [], encrypt: false }],
    ['a cluster that is not a list', { cluster: 'redis://127.0.0.1:1', encrypt: false }],
    [
      'a cluster node that is not a redis URL',
      { cluster: ['redis://127.0.0.1:1', 'http://x'], encrypt: false },
    ],
    ['a prefix with a hash tag', { url: 'redis://127.0.0.1:1', keyPrefix: '{app}:', encrypt: false }],
    ['waitForReplicas: always', { url: 'redis://127.0.0.1:1', waitForReplicas: 'always', encrypt: false }],
    ['a fractional waitForReplicas', { url: 'redis://127.0.0.1:1', waitForReplicas: 1.5, encrypt: false }],
    [
      'a replicaWaitMs above the timeout',
      { url: 'redis://127.0.0.1:1', timeoutMs: 500, replicaWaitMs: 500, encrypt: false },
    ],
  ];
  it.each(invalid)('%s → invalid_config', (_, options) => {
    let error: unknown;
    try {
      createRedisStore(options as RedisStoreOptions);
    } catch (e) {
      error = e;
    }
    expect(isLivepushAuthError(error, 'invalid_config')).toBe(true);
  });

  it('lists every problem in one error', () => {
    expect(() =>
      createRedisStore({ url: 'http://x', encrypt: { secret: 'short' }, lockTtlMs: -5 } as RedisStoreOptions),
    ).toThrow(/url must be.*encrypt\.secret.*lockTtlMs/);
  });

  it('words a bad encrypt.secret as the core does, saying how to generate one', () => {
    expect(() => createRedisStore({ url: 'redis://127.0.0.1:1', encrypt: { secret: ['short'] } })).toThrow(
      `createRedisStore(): ${sealerSecretProblem(['short'], 'encrypt.secret')}`,
    );
  });

  it('says how to keep encryption at rest when encrypt is missing', () => {
    expect(() => createRedisStore({ url: 'redis://127.0.0.1:1' } as RedisStoreOptions)).toThrow(
      /encrypt is required: pass encrypt: \{ secret \}.*or encrypt: false/,
    );
  });

  it('valid options with a cluster, waits and a migration are accepted', async () => {
    const store = createRedisStore({
      cluster: ['redis://127.0.0.1:1', 'rediss://user:pass@127.0.0.1:2'],
      encrypt: { secret: [ENCRYPT.secret, 'an-older-secret-for-records-at-rest-00'], readPlaintext: true },
      keyPrefix: 'my-app:',
      waitForReplicas: 2,
      replicaWaitMs: 100,
      timeoutMs: 1_000,
    });
    expect(store.client.isCluster).toBe(true);
    expect(store.client.status).toBe('wait');
    await store.close();
  });

  it('creating a store from a URL does not connect until it is used', async () => {
    const store = createRedisStore({ url: 'redis://127.0.0.1:1', encrypt: ENCRYPT });
    expect(store.client.status).toBe('wait');
    await store.close();
  });
});
