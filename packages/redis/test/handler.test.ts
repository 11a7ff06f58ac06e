import { createLivepushAuth, type LivepushAuth } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import {
  APP_ORIGIN,
  authOptions,
  Browser,
  type RedisServer,
  startMock,
  startRedisServer,
  tokenLeaks,
} from '@livepush/test-support';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisSessionStore, type RedisStoreOptions } from '../src/index';
import { ENCRYPT, sleep } from './support/records';
import { watchRequests } from './support/round-trips';

const ENCRYPTION_SECRET = 'records-at-rest-secret-0123456789-abcdef';
const API = '/auth/api/streams/streams/mine';

let redis: RedisServer;
let raw: Redis;
let mock: MockLivepush | undefined;
const stores: RedisSessionStore[] = [];
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  raw = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  raw.on('error', () => {}); // it reconnects after the outage tests
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await mock?.close();
  mock = undefined;
});
afterAll(async () => {
  raw?.disconnect();
  await redis?.stop();
});

/** One app test: a fresh mock and a key prefix of its own. */
async function scenario(mockOptions: Parameters<typeof startMock>[0] = {}) {
  mock = await startMock(mockOptions);
  const keyPrefix = `t${++prefixes}:`;
  const started = mock;
  /** One app instance: its own ioredis client (its own connection), sharing Redis. */
  const instance = (
    extra: Partial<Omit<RedisStoreOptions, 'url' | 'client' | 'cluster'>> & { now?: () => number } = {},
  ) => {
    const { now, ...storeOptions } = extra;
    const store = createRedisStore({
      url: redis.url,
      keyPrefix,
      timeoutMs: 1_000,
      encrypt: ENCRYPT,
      ...storeOptions,
    });
    stores.push(store);
    const auth = createLivepushAuth({ ...authOptions(started), store, ...(now ? { now } : {}) });
    return { auth, store };
  };
  const sessionKeys = () => raw.keys(`${keyPrefix}session:*`);
  /** The session id in a key from `sessionKeys()`. */
  const idOf = (key: string) => key.slice(`${keyPrefix}session:`.length);
  return { mock: started, keyPrefix, instance, sessionKeys, idOf };
}

/**
 * 91 s later: inside the leeway of a 120 s token (the 60 s leeway, capped at a quarter of the token's
 * life: 30 s), so every instance finds it due.
 */
const later = () => Date.now() + 91_000;

const clearsSession = (response: Response) =>
  response.headers.getSetCookie().some((c) => /^livepush_session(\.\d+)?=;/.test(c) || /Max-Age=0/.test(c));

describe('a Redis store behind the handler', () => {
  it('keeps the record in Redis (encrypted); the cookie carries only a sealed id; logout deletes it', async () => {
    const { mock, instance, sessionKeys } = await scenario();
    const { auth } = instance({ encrypt: { secret: ENCRYPTION_SECRET } });
    const other = instance({ encrypt: { secret: ENCRYPTION_SECRET } }).auth;
    const browser = new Browser(auth);
    await browser.signIn();
    expect(browser.jar.get('livepush_session')!.length).toBeLessThan(200);
    const keys = await sessionKeys();
    expect(keys).toHaveLength(1);
    const value = (await raw.get(keys[0]!))!;
    expect(value.startsWith('e1.')).toBe(true);
    expect(value).not.toMatch(/access_token|refresh|streams\.read/);
    expect(tokenLeaks(mock, value)).toEqual([]);
    const ttl = await raw.ttl(keys[0]!);
    expect(ttl).toBeGreaterThan(30 * 24 * 3600 - 10);
    // Any instance reads it.
    expect(await browser.session(other)).toMatchObject({
      authenticated: true,
      scopes: ['profile.read', 'streams.read'],
    });
    expect((await browser.app(API, {}, other)).status).toBe(200);

    const copy = new Browser(auth);
    copy.jar.set('livepush_session', browser.jar.get('livepush_session')!);
    expect((await browser.logout(other)).status).toBe(204);
    expect(await sessionKeys()).toEqual([]);
    expect(await copy.session()).toEqual({ authenticated: false });
  });

  it('4 instances × 50 concurrent requests with one expired session → exactly 1 token request, 200 × 200', async () => {
    const { mock, instance, sessionKeys, idOf } = await scenario({ accessTokenTtlSeconds: 120 });
    const signerApp = instance();
    const signer = new Browser(signerApp.auth);
    await signer.signIn();
    const cookie = signer.cookieHeader();
    const [key] = await sessionKeys();
    // Encrypted at rest: read through a store.
    const recordNow = async () => (await signerApp.store.get(idOf(key!)))!;
    const before = await recordNow();

    const instances = Array.from({ length: 4 }, () => instance({ now: later }).auth);
    const tokenRequestsBefore = mock.stats().tokenRequests;
    const started = Date.now();
    const responses = await Promise.all(
      instances.flatMap((auth) =>
        Array.from({ length: 50 }, () =>
          auth.handler(new Request(`${APP_ORIGIN}${API}`, { headers: { cookie } })),
        ),
      ),
    );
    const elapsed = Date.now() - started;
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200));
    expect(responses.filter(clearsSession).map((r) => r.headers.getSetCookie())).toEqual([]);
    expect(mock.stats().tokenRequests - tokenRequestsBefore).toBe(1);
    expect(mock.stats().tokenErrors).toBe(0);
    const after = await recordNow();
    expect(after.tokens.accessToken).not.toBe(before.tokens.accessToken);
    expect(after.tokens.refreshToken).not.toBe(before.tokens.refreshToken);
    // Everyone now has the rotated token: nothing more to refresh.
    for (const auth of instances)
      expect((await auth.handler(new Request(`${APP_ORIGIN}${API}`, { headers: { cookie } }))).status).toBe(
        200,
      );
    expect(mock.stats().tokenRequests - tokenRequestsBefore).toBe(1);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('a session read is one round trip (GET); a refresh three (GET, lock + read, write + release)', async () => {
    // A 60 s token is due 45 s into its life (leeway capped at a quarter): 50 s later it is, while the
    // session's last use (at sign-in) is under a minute old — the refresh alone, no last-use write.
    const { mock, instance } = await scenario({ accessTokenTtlSeconds: 60 });
    const fresh = instance();
    const due = instance({ now: () => Date.now() + 50_000 });
    // Two sessions of one user: the first warms the clients and teaches Redis the scripts; the second is measured.
    const [warm, browser] = [new Browser(fresh.auth), new Browser(fresh.auth)];
    await warm.signIn();
    await browser.signIn();
    expect((await warm.app(API, {}, due.auth)).status).toBe(200);
    expect(await browser.session()).toMatchObject({ authenticated: true });

    const read = watchRequests(fresh.store.client);
    expect(await browser.session()).toMatchObject({ authenticated: true });
    read.stop();
    expect(read.commands).toEqual(['get']);

    const refresh = watchRequests(due.store.client);
    expect((await browser.app(API, {}, due.auth)).status).toBe(200);
    refresh.stop();
    // No replica: no WAIT. Each command is its own round trip.
    expect(refresh.commands).toEqual(['get', 'evalsha', 'evalsha']);
    expect(refresh.roundTrips).toBe(3);
    expect(mock.stats().refreshGrants).toBe(2);
  });

  it('a lock holder killed mid-refresh: the others refresh once after the lock TTL, nobody is signed out', async () => {
    const { mock, sessionKeys, keyPrefix } = await scenario({ accessTokenTtlSeconds: 120 });
    const storeOptions = { url: redis.url, keyPrefix, timeoutMs: 1_000, lockTtlMs: 1_000, encrypt: ENCRYPT };
    const signerStore = createRedisStore(storeOptions);
    stores.push(signerStore);
    const signer = new Browser(createLivepushAuth({ ...authOptions(mock), store: signerStore }));
    await signer.signIn();
    const cookie = signer.cookieHeader();

    // The victim takes the lock, reaches the token endpoint… and its process dies right there.
    const victimClient = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    victimClient.on('error', () => {});
    let inTokenRequest!: () => void;
    const reached = new Promise<void>((resolve) => (inTokenRequest = resolve));
    const victim = createLivepushAuth({
      ...authOptions(mock),
      store: createRedisStore({
        client: victimClient,
        keyPrefix,
        timeoutMs: 1_000,
        lockTtlMs: 1_000,
        encrypt: ENCRYPT,
      }),
      now: later,
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.startsWith(mock.endpoints.token)) {
          inTokenRequest();
          return new Promise<Response>(() => {}); // frozen: never answers
        }
        return fetch(input, init);
      },
    });
    void victim.handler(new Request(`${APP_ORIGIN}${API}`, { headers: { cookie } })).catch(() => {});
    await reached;
    victimClient.disconnect();
    expect(
      await raw.exists(`${keyPrefix}lock:${(await sessionKeys())[0]!.slice(`${keyPrefix}session:`.length)}`),
    ).toBe(1);

    const survivors = Array.from({ length: 3 }, () => {
      const store = createRedisStore(storeOptions);
      stores.push(store);
      return createLivepushAuth({ ...authOptions(mock), store, now: later });
    });
    const before = mock.stats().tokenRequests;
    const started = Date.now();
    const responses = await Promise.all(
      survivors.flatMap((auth) =>
        Array.from({ length: 10 }, () =>
          auth.handler(new Request(`${APP_ORIGIN}${API}`, { headers: { cookie } })),
        ),
      ),
    );
    const waited = Date.now() - started;
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(mock.stats().tokenRequests - before).toBe(1);
    expect(waited).toBeGreaterThanOrEqual(500); // they did wait for the dead holder's lock to expire
    expect(waited).toBeLessThan(5_000);
    expect(await signer.session(survivors[0])).toMatchObject({ authenticated: true });
  });

  it('a logout racing due refreshes on three other instances stays a logout', async () => {
    const { mock, instance, sessionKeys } = await scenario({ accessTokenTtlSeconds: 120 });
    const browser = new Browser(instance().auth);
    await browser.signIn();
    const cookie = browser.cookieHeader();
    const refreshing = Array.from({ length: 3 }, () => instance({ now: later }).auth);
    const loggingOut = instance().auth;
    const [logout, ...responses] = await Promise.all([
      sleep(5).then(() => browser.logout(loggingOut)),
      ...refreshing.flatMap((auth) =>
        Array.from({ length: 10 }, () =>
          auth.handler(new Request(`${APP_ORIGIN}${API}`, { headers: { cookie } })),
        ),
      ),
    ]);
    expect(logout!.status).toBe(204);
    for (const response of responses) expect([200, 401]).toContain(response.status);
    expect(await sessionKeys()).toEqual([]);
    for (const auth of [...refreshing, loggingOut]) {
      const response = await auth.handler(new Request(`${APP_ORIGIN}/auth/session`, { headers: { cookie } }));
      expect(await response.json()).toEqual({ authenticated: false });
    }
    expect(mock.stats().tokenRequests).toBeLessThanOrEqual(2); // the sign-in and at most one refresh
  });
});

describe('Redis outages', () => {
  it('Redis killed → 503 store_unavailable, session kept; restarted → the same store works again', async () => {
    const { mock, instance, sessionKeys } = await scenario({ accessTokenTtlSeconds: 120 });
    const { auth } = instance();
    const due = instance({ now: later }).auth;
    const browser = new Browser(auth);
    await browser.signIn();
    const cookie = browser.jar.get('livepush_session');
    expect(await sessionKeys()).toHaveLength(1);

    await redis.kill();
    for (const app of [auth, due]) {
      for (const path of ['/auth/session', API]) {
        const started = Date.now();
        const response = await browser.app(path, {}, app);
        expect(Date.now() - started).toBeLessThan(2_500);
        expect(response.status).toBe(503);
        expect(await response.json()).toMatchObject({ code: 'store_unavailable' });
        expect(clearsSession(response)).toBe(false);
      }
    }
    expect(browser.jar.get('livepush_session')).toBe(cookie);
    const tokenRequests = mock.stats().tokenRequests;

    await redis.restart();
    let session: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 50 && session.authenticated !== true; attempt++) {
      const response = await browser.app('/auth/session');
      if (response.status === 200) session = (await response.json()) as Record<string, unknown>;
      else await sleep(100);
    }
    expect(session).toMatchObject({ authenticated: true });
    expect((await browser.app(API, {}, due)).status).toBe(200);
    expect(mock.stats().tokenRequests - tokenRequests).toBe(1); // the due refresh, after the outage
    expect(await sessionKeys()).toHaveLength(1);
  });

  it('Redis frozen (no answers) → 503 within the timeout; thawed → works', async () => {
    const { instance } = await scenario();
    const { auth } = instance({ timeoutMs: 500 });
    const browser = new Browser(auth);
    await browser.signIn();
    redis.pause();
    try {
      const started = Date.now();
      const responses = await Promise.all(Array.from({ length: 20 }, () => browser.app(API)));
      expect(Date.now() - started).toBeLessThan(1_500);
      for (const response of responses) {
        expect(response.status).toBe(503);
        expect(clearsSession(response)).toBe(false);
      }
    } finally {
      redis.resume();
    }
    expect(await browser.session()).toMatchObject({ authenticated: true });
    expect((await browser.app(API)).status).toBe(200);
  });

  // A logout while the store is unreachable answers 503 store_unavailable and clears nothing, rather
  // than clearing the cookie and leaving the record (and every copy of the cookie) alive.
  it('a logout while Redis is down does not leave a live session behind', async () => {
    const { instance } = await scenario();
    const { auth } = instance();
    const browser = new Browser(auth);
    await browser.signIn();
    const copy = new Browser(auth);
    copy.jar.set('livepush_session', browser.jar.get('livepush_session')!);
    await redis.kill();
    const logout = await browser.logout();
    await redis.restart();
    let session: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 50; attempt++) {
      const response = await copy.app('/auth/session');
      if (response.status === 200) {
        session = (await response.json()) as Record<string, unknown>;
        break;
      }
      await sleep(100);
    }
    expect(logout.status).toBe(503);
    expect(session.authenticated).toBe(true); // nothing was cleared: the user can sign out again
  });

  it('an unreachable Redis at sign-in: the callback fails without a 5xx and nothing crashes', async () => {
    mock = await startMock();
    const store = createRedisStore({ url: 'redis://127.0.0.1:1', timeoutMs: 300, encrypt: ENCRYPT });
    stores.push(store);
    const auth: LivepushAuth = createLivepushAuth({ ...authOptions(mock), store });
    const browser = new Browser(auth);
    const session = await browser.app('/auth/session');
    expect(session.status).toBe(200); // no cookie: no store read needed
    // Follow the sign-in: app → mock (auto-approve) → app callback, which cannot write the session.
    const login = await browser.app('/auth/login');
    const approved = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    const done = await browser.app(callback.pathname + callback.search);
    const status = done.status;
    const url = new URL(done.headers.get('location')!, APP_ORIGIN);
    expect(status).toBeLessThan(500);
    expect(url.searchParams.get('error')).toBeTruthy();
  });
});
