import { createLivepushAuth, type SessionRecord } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import {
  APP_ORIGIN,
  authOptions,
  Browser,
  type RedisCluster,
  startMock,
  startRedisCluster,
} from '@livepush/test-support';
import { Cluster } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisSessionStore, redisClusterOptions } from '../src/index';
import { createKeyLayout } from '../src/keys';
import { slotOf } from '../src/slot';
import { commandsDuring } from './support/commands';
import { ENCRYPT, record } from './support/records';
import { watchRequests } from './support/round-trips';
import { describeStoreContract } from './support/store-contract';

const API = '/auth/api/streams/streams/mine';

let cluster: RedisCluster;
let admin: Cluster;
const stores: RedisSessionStore[] = [];
let mock: MockLivepush | undefined;

beforeAll(async () => {
  cluster = await startRedisCluster();
  admin = new Cluster(
    cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
    redisClusterOptions(),
  );
  await admin.connect();
}, 60_000);
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});
afterAll(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  admin?.disconnect();
  await cluster?.stop();
});

/** A store on the test cluster (from its startup URLs), closed after the file. */
function open(options: { keyPrefix?: string; lockTtlMs?: number } = {}): RedisSessionStore {
  const store = createRedisStore({ cluster: cluster.urls, encrypt: ENCRYPT, timeoutMs: 2_000, ...options });
  stores.push(store);
  return store;
}

/** A record of user `n`, as the core writes at sign-in. */
const userRecord = (n: number): SessionRecord =>
  ({ ...record(0), user: { id: `user-${n}`, name: `User ${n}` } }) as unknown as SessionRecord;

const primaryPorts = async () => (await cluster.primaries()).map((node) => node.port);

describe('a Redis Cluster of 3 primaries and 3 replicas', () => {
  it('is up (startup time is printed, not asserted)', () => {
    console.info(`cluster of 6 nodes up in ${Math.round(cluster.startupMs)} ms`);
    expect(cluster.nodes).toHaveLength(6);
  });
});

describeStoreContract('createRedisStore({ cluster }) with ids from before newId (untagged)', async () => {
  const store = open({ keyPrefix: 'contract-untagged:' });
  return { store, close: () => store.close() };
});

let users = 0;
describeStoreContract(
  'createRedisStore({ client: Cluster }) with its own ids (tagged per user)',
  async () => {
    const client = new Cluster(
      cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
      redisClusterOptions(),
    );
    const store = createRedisStore({ client, keyPrefix: 'contract-tagged:', encrypt: ENCRYPT });
    return {
      store,
      close: async () => void (await client.quit()),
      newId: () => store.newId(userRecord(++users % 7)),
    };
  },
);

describe('key layout', () => {
  it('slots are computed as the cluster does (CLUSTER KEYSLOT)', async () => {
    for (const key of [
      'livepush:session:abc',
      'livepush:session:{u.AbCdEf}xyz',
      '{}empty-tag',
      'foo{}{bar}',
      'foo{{bar}}zap',
      '{user1000}.following',
      'ünïcödé{ß}',
      '',
    ])
      expect(slotOf(key), key).toBe(await cluster.slotOf(key));
  });

  it('a session’s record, its lock and its user’s index share one slot; users spread over the primaries', async () => {
    const store = open();
    const keys = createKeyLayout('livepush:', [ENCRYPT.secret]);
    const primaries = new Set<number>();
    for (let n = 0; n < 30; n++) {
      const id = store.newId(userRecord(n));
      const tag = keys.tagOf(id)!;
      expect(keys.userTags(`user-${n}`)).toEqual([tag]);
      const slot = await cluster.slotOf(store.keyOf(id));
      expect(await cluster.slotOf(keys.lock(id))).toBe(slot);
      expect(await cluster.slotOf(keys.userIndex(tag))).toBe(slot);
      // A second session of the same user: same slot, another id.
      const again = store.newId(userRecord(n));
      expect(again).not.toBe(id);
      expect(await cluster.slotOf(store.keyOf(again))).toBe(slot);
      primaries.add((await cluster.primaryOf(store.keyOf(id))).port);
    }
    expect(primaries.size).toBe(3);
  });

  it('one script may touch a session and its user index (no CROSSSLOT); untagged keys could not', async () => {
    const store = open();
    const keys = createKeyLayout('livepush:', [ENCRYPT.secret]);
    const id = store.newId(userRecord(1));
    const script = "redis.call('SET', KEYS[1], 'x', 'PX', 1000); return redis.call('ZADD', KEYS[2], 1, 'a')";
    await expect(admin.eval(script, 2, store.keyOf(id), keys.userIndex(keys.tagOf(id)!))).resolves.toBe(1);
    const apart = ['livepush:session:plain-1', 'livepush:user:plain-2'];
    expect(slotOf(apart[0]!)).not.toBe(slotOf(apart[1]!));
    await expect(admin.eval(script, 2, ...apart)).rejects.toThrow(/CROSSSLOT/);
  });
});

describe('the handler on the cluster', () => {
  /** One app instance with its own cluster client. */
  const instance = (started: MockLivepush, now?: () => number, keyPrefix = 'app:') => {
    const store = open({ keyPrefix });
    return { store, auth: createLivepushAuth({ ...authOptions(started), store, ...(now ? { now } : {}) }) };
  };
  /**
   * 91 s later: inside the leeway of a 120 s token (the 60 s leeway, capped at a quarter of the token's
   * life: 30 s), so every instance finds it due.
   */
  const later = () => Date.now() + 91_000;

  it('4 instances × 50 concurrent requests with one expired session → exactly 1 token request, 200 × 200', async () => {
    mock = await startMock({ accessTokenTtlSeconds: 120 });
    const started = mock;
    const signer = new Browser(instance(started).auth);
    await signer.signIn();
    const cookie = signer.cookieHeader();
    const instances = Array.from({ length: 4 }, () => instance(started, later).auth);
    const before = started.stats();
    const responses = await Promise.all(
      instances.flatMap((auth) =>
        Array.from({ length: 50 }, () =>
          auth.handler(new Request(`${APP_ORIGIN}${API}`, { headers: { cookie } })),
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200));
    expect(started.stats().tokenRequests - before.tokenRequests).toBe(1);
    expect(started.stats().refreshGrants - before.refreshGrants).toBe(1);
    expect(started.stats().tokenErrors).toBe(0);
    expect(await signer.session(instances[3])).toMatchObject({ authenticated: true });
  });

  it('a session read is one round trip (one GET); a refresh three (GET, lock + read, write + release with its WAIT)', async () => {
    mock = await startMock({ accessTokenTtlSeconds: 120 });
    const fresh = instance(mock, undefined, 'trips:');
    const due = instance(mock, later, 'trips:');
    // Two sessions of one user: one slot. The first warms both clients up (connections open, slot
    // maps loaded, scripts known to the node) with a read and a refresh; the second is measured.
    const [warm, browser] = [new Browser(fresh.auth), new Browser(fresh.auth)];
    await warm.signIn();
    await browser.signIn();
    expect(await warm.session()).toMatchObject({ authenticated: true });
    expect((await warm.app(API, {}, due.auth)).status).toBe(200);

    const read = watchRequests(fresh.store.client);
    const executedByRead = await commandsDuring(primaryPorts, async () => {
      expect(await browser.session()).toMatchObject({ authenticated: true });
    });
    read.stop();
    expect(read.commands).toEqual(['get']);
    expect(read.roundTrips).toBe(1);
    expect(executedByRead).toEqual({ get: 1 });

    const refresh = watchRequests(due.store.client);
    const executedByRefresh = await commandsDuring(primaryPorts, async () => {
      expect((await browser.app(API, {}, due.auth)).status).toBe(200);
    });
    refresh.stop();
    // Each primary has a replica: the write waits for it, sent in the same round trip.
    expect(refresh.commands).toEqual(['get', 'evalsha', 'evalsha', 'wait']);
    expect(refresh.roundTrips).toBe(3);
    // What Redis ran, scripts' own calls included: SET NX + GET (lock and read), GET + SET + GET + DEL (write, release).
    expect(executedByRefresh).toEqual({ get: 4, set: 2, del: 1, evalsha: 2, wait: 1 });
    expect(mock.stats().refreshGrants).toBe(2);
    expect(mock.stats().tokenErrors).toBe(0);
    console.info(
      `cluster: a session read = ${read.roundTrips} round trip (${read.commands.join(', ')}); a refresh = ${refresh.roundTrips} round trips (${refresh.commands.join(', ')})`,
    );
  });
});
