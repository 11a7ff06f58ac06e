import { createLivepushAuth, type SessionEvent } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import { authOptions, Browser, type RedisServer, startMock, startRedisServer } from '@livepush/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisSessionStore } from '../src/index';
import { ENCRYPT } from './support/records';

let redis: RedisServer;
let ada: MockLivepush;
let grace: MockLivepush;
const stores: RedisSessionStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  // Two Livepush accounts: the mock signs in one user each.
  [ada, grace] = await Promise.all([
    startMock({ user: { id: 'user-ada' } }),
    startMock({ user: { id: 'user-grace', name: 'Grace Hopper' } }),
  ]);
});
afterAll(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all([ada?.close(), grace?.close()]);
  await redis?.stop();
});

/**
 * One app instance: `createLivepushAuth` with the shared secret and a Redis store of its own (its own
 * ioredis client, so its own connection), on the same Redis as every other instance.
 */
function instance(mock: MockLivepush, events: SessionEvent[] = [], now?: () => number) {
  const store = createRedisStore({ url: redis.url, keyPrefix: 'everywhere:', encrypt: ENCRYPT });
  stores.push(store);
  return createLivepushAuth({
    ...authOptions(mock),
    store,
    onSession: (event) => void events.push(event),
    ...(now ? { now } : {}),
  });
}

/** Ada's session records in Redis, whatever their state. */
const adaRecords = async (store: RedisSessionStore) => (await store.listUserSessions('user-ada')).length;

describe('sign out everywhere across two instances on one Redis (issue 18)', () => {
  it('signOutUser on instance A ends the user’s sessions on A and B within one request each; another user’s stays', async () => {
    const eventsOfA: SessionEvent[] = [];
    const [a, b] = [instance(ada, eventsOfA), instance(ada)];
    const graceApp = instance(grace);
    // Ada signs in three times: once through A, twice through B (say, a phone and a laptop).
    const onA = new Browser(a);
    const onB = [new Browser(b), new Browser(b)];
    for (const browser of [onA, ...onB]) await browser.signIn();
    const other = new Browser(graceApp);
    await other.signIn();

    const session = await onA.session();
    expect(session).toMatchObject({ authenticated: true });
    const userId = session.userId as string;
    expect(userId).toBe('user-ada');
    // Every instance reads every session, and lists the user's three.
    for (const browser of [onA, ...onB])
      expect(await browser.session(a)).toMatchObject({ authenticated: true, userId });
    expect(await b.listSessions(userId)).toHaveLength(3);
    expect(await other.session(b)).toMatchObject({ authenticated: true, userId: 'user-grace' });

    expect(await a.signOutUser(userId)).toBe(3);
    expect(eventsOfA.filter((event) => event.type === 'revoked')).toEqual([
      expect.objectContaining({ type: 'revoked', userId }),
    ]);

    // The very next request of each of Ada's browsers, on either instance, is signed out.
    expect(await onA.session(a)).toMatchObject({ authenticated: false });
    expect(await onB[0]!.session(b)).toMatchObject({ authenticated: false });
    expect(await onB[1]!.session(a)).toMatchObject({ authenticated: false });
    expect(await a.listSessions(userId)).toEqual([]);
    expect(await b.listSessions(userId)).toEqual([]);
    expect(await b.signOutUser(userId)).toBe(0);

    // Grace is untouched, on both instances.
    expect(await other.session(a)).toMatchObject({ authenticated: true, userId: 'user-grace' });
    expect(await other.session(b)).toMatchObject({ authenticated: true, userId: 'user-grace' });
    expect(await a.listSessions('user-grace')).toHaveLength(1);

    // Ada can sign in again afterwards.
    await onA.signIn();
    expect(await onA.session(b)).toMatchObject({ authenticated: true, userId });
    expect(await b.listSessions(userId)).toHaveLength(1);
  });

  it('a refresh in flight on B when A signs the user out does not bring the session back', async () => {
    const a = instance(ada);
    // B's clock is 2 h ahead: the access token is due, so B's API call refreshes it first.
    const b = instance(ada, [], () => Date.now() + 2 * 3600_000);
    await a.signOutUser('user-ada'); // the session the test above left
    const browser = new Browser(a);
    await browser.signIn();
    const store = stores.at(-1)!;
    expect(await adaRecords(store)).toBe(1);
    const grantsBefore = ada.stats().refreshGrants;
    ada.setFaults({ on: 'token', kind: 'delay', ms: 300 }); // the refresh is slow
    const inFlight = browser.app('/auth/api/streams/streams/mine', {}, b);
    await new Promise((resolve) => setTimeout(resolve, 100)); // B holds the lock and waits for Livepush
    expect(await a.signOutUser('user-ada')).toBe(1);
    const response = await inFlight;
    expect(response.status).not.toBe(200);
    expect(ada.stats().refreshGrants).toBe(grantsBefore + 1); // the refresh did reach Livepush
    expect(await adaRecords(store)).toBe(0);
    expect(await browser.session(a)).toMatchObject({ authenticated: false });
    expect(await browser.session(b)).toMatchObject({ authenticated: false });
  });
});
