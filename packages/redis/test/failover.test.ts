import { createLivepushAuth, type LivepushAuth } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import {
  APP_ORIGIN,
  authOptions,
  Browser,
  type RedisCluster,
  type RedisClusterNode,
  type RedisSentinel,
  startMock,
  startRedisCluster,
  startRedisSentinel,
  tokenLeaks,
} from '@livepush/test-support';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisStore, type RedisSessionStore, redisClientOptions } from '../src/index';
import { ENCRYPT } from './support/records';
import { outage, traffic } from './support/traffic';

const API = '/auth/api/streams/streams/mine';
/** How long a failover may take before every request is answered 200 again (generous: CI is slow). */
const RECOVERY_BOUND_MS = 15_000;

const stores: RedisSessionStore[] = [];
let mock: MockLivepush | undefined;
afterEach(async () => {
  // close() ends the clients the stores made; Sentinel clients were passed in: end them too.
  await Promise.all(stores.splice(0).map((store) => store.close().then(() => store.client.disconnect())));
  await mock?.close();
  mock = undefined;
});

/** A clock `offset` ms ahead of the real one: an instance that finds tokens due. */
function clock() {
  const state = { offset: 0, now: () => Date.now() + state.offset };
  return state;
}

/**
 * The scenario both failovers share: app instances on the store `open()` makes, a session, a refresh
 * just before `kill()` (so the replica must have the rotated tokens), traffic through the kill, then
 * a refresh after it.
 */
async function failover(options: {
  /** Names the failover in the printed timings. */
  label: string;
  open: () => RedisSessionStore;
  kill: () => Promise<void>;
  promoted: () => Promise<void>;
}) {
  mock = await startMock({ accessTokenTtlSeconds: 120 });
  const started = mock;
  // The stores report with the default onError: one console.error per store and failure streak.
  const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
  const app = (now?: () => number): LivepushAuth => {
    const store = options.open();
    stores.push(store);
    return createLivepushAuth({ ...authOptions(started), store, ...(now ? { now } : {}) });
  };
  const [a, b] = [app(), app()];
  const dueClock = clock();
  const due = app(dueClock.now);
  const browser = new Browser(a);
  await browser.signIn();
  const cookie = browser.jar.get('livepush_session');
  const request = (auth: LivepushAuth, path: string) => () =>
    auth.handler(new Request(`${APP_ORIGIN}${path}`, { headers: { cookie: browser.cookieHeader() } }));

  // A refresh right before the kill: written with WAIT, so the replica has the rotated tokens. 91 s
  // into a 120 s token: inside the leeway (60 s, capped at a quarter of the token's life: 30 s).
  dueClock.offset = 91_000;
  expect((await request(due, API)()).status).toBe(200);
  const refreshed = started.stats();
  expect(refreshed.refreshGrants).toBe(1);
  const tokensBefore = started.issuedTokens().accessTokens.at(-1);
  // Nothing reported so far: in particular no write missed its replica (WAIT answered in time).
  expect(printed.mock.calls).toEqual([]);

  let killedAt = 0;
  const log = await traffic({
    requests: [request(a, '/auth/session'), request(b, '/auth/session'), request(a, API), request(b, API)],
    async during() {
      await new Promise((resolve) => setTimeout(resolve, 100));
      killedAt = performance.now();
      await options.kill();
    },
    // Done when the outage was seen and then 40 answers in a row were 200.
    done: (seen) =>
      killedAt > 0 &&
      outage(seen, killedAt).failures.length > 0 &&
      outage(seen, killedAt).trailingSuccesses >= 40,
    timeoutMs: RECOVERY_BOUND_MS + 5_000,
  });
  const { failures, firstFailureMs, recoveredMs, trailingSuccesses } = outage(log, killedAt);

  // During the election: 503 store_unavailable, never a 500, never a sign-out.
  expect(failures.length).toBeGreaterThan(0);
  expect(new Set(failures.map((f) => `${f.status} ${f.code}`))).toEqual(new Set(['503 store_unavailable']));
  expect(log.filter((o) => o.clears)).toEqual([]);
  // Then 200 again, within the bound.
  expect(recoveredMs).toBeDefined();
  expect(recoveredMs!).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
  expect(trailingSuccesses).toBeGreaterThanOrEqual(40);
  await options.promoted();
  // The outage was reported, a few lines (not one per failed request), and no token in them.
  const lines = printed.mock.calls.map((call) => String(call[0]));
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.length).toBeLessThan(failures.length + 6);
  for (const line of lines) expect(line).toMatch(/^\[@livepush\/auth-redis\] /);
  expect(tokenLeaks(started, ...lines)).toEqual([]);

  // The same session, with the tokens of the refresh written just before the kill: nothing lost.
  expect(browser.jar.get('livepush_session')).toBe(cookie);
  const session = await browser.session(b);
  expect(session).toMatchObject({ authenticated: true });
  const seenByA = await a.getAccessToken(
    new Request(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } }),
  );
  expect(seenByA.accessToken).toBe(tokensBefore);
  // The user's index (written with the session, waited for like it) came through the failover too.
  const userId = session.userId as string;
  expect(await b.listSessions(userId)).toHaveLength(1);

  // A refresh after the failover uses the rotated refresh token: granted, nothing replayed.
  dueClock.offset = 91_000 + 121_000;
  expect((await request(due, API)()).status).toBe(200);
  expect(started.stats().refreshGrants).toBe(2);
  expect(started.stats().tokenErrors).toBe(0);
  // And sign out everywhere ends it on the promoted primary: the next request is signed out.
  expect(await a.signOutUser(userId)).toBe(1);
  expect(await browser.session(b)).toMatchObject({ authenticated: false });
  console.info(
    `${options.label}: first 503 after ${Math.round(firstFailureMs!)} ms, every request 200 again after ${Math.round(recoveredMs!)} ms (${failures.length} of ${log.length} answers were 503)`,
  );
}

describe('Redis Cluster failover', () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('the primary of a live session’s slot killed mid-traffic: 503 store_unavailable while the replica is elected, then 200 with the same session; no session lost, no refresh token replayed', async () => {
    let promoted: RedisClusterNode | undefined;
    await failover({
      label: 'cluster failover',
      open: () => createRedisStore({ cluster: cluster.urls, encrypt: ENCRYPT, timeoutMs: 1_000 }),
      async kill() {
        // The one session's key, wherever it is; its primary goes, its replica stays.
        const keys = await Promise.all(
          (await cluster.primaries()).map(async (node) => {
            const client = new Redis(node.url);
            try {
              return await client.keys('livepush:session:*');
            } finally {
              client.disconnect();
            }
          }),
        );
        const primary = await cluster.primaryOf(keys.flat()[0]!);
        promoted = await cluster.replicaOf(primary);
        await cluster.kill(primary);
      },
      promoted: () => cluster.waitForPrimary(promoted!),
    });
    expect(promoted).toBeDefined();
  });
});

describe('Sentinel failover (a primary and one replica)', () => {
  let sentinel: RedisSentinel;
  beforeAll(async () => {
    sentinel = await startRedisSentinel();
  }, 60_000);
  afterAll(() => sentinel?.stop());

  it('the primary killed mid-traffic: 503 store_unavailable until Sentinel promotes the replica, then 200 with the same session; no session lost, no refresh token replayed', async () => {
    const first = await sentinel.currentPrimary();
    const replica = sentinel.nodes.find((node) => node !== first)!;
    await failover({
      label: 'Sentinel failover',
      open() {
        const client = new Redis({
          sentinels: [sentinel.sentinel],
          name: sentinel.name,
          ...redisClientOptions({ timeoutMs: 1_000 }),
        });
        client.on('error', () => {}); // a client you bring: its connection errors are yours to watch
        return createRedisStore({ client, encrypt: ENCRYPT, timeoutMs: 1_000 });
      },
      kill: () => sentinel.kill(first),
      promoted: () => sentinel.waitForPrimary(replica),
    });
    // As long as the cluster's: the scenario allows 15 s for recovery, plus a sign-in and two refreshes.
  }, 60_000);
});
