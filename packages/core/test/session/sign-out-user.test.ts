import { authOptions, tokenLeaks } from '@livepush/test-support';
import { describe, expect, it, vi } from 'vitest';
import {
  createLivepushAuth,
  createMemoryStore,
  type LivepushAuth,
  type LivepushAuthOptions,
  type SessionEvent,
  type SessionStore,
} from '../../src/server/index';
import { rejection } from '../helpers';
import { APP_ORIGIN, Browser, setupTest } from '../integration/harness';
import { testClock } from './modes';

/** A browser that sends a `User-Agent`, as real ones do. */
class NamedBrowser extends Browser<LivepushAuth> {
  constructor(
    auth: LivepushAuth,
    readonly userAgent: string,
  ) {
    super(auth);
  }
  protected override send(request: Request, app: Parameters<Browser['app']>[2] & object) {
    const headers = new Headers(request.headers);
    headers.set('user-agent', this.userAgent);
    return super.send(new Request(request, { headers }), app);
  }
}

/**
 * Two handler instances sharing one memory store (two processes behind a load balancer, as far as
 * sessions go); `fetchUser` hands out the next user id of `users` at each sign-in.
 */
async function twoInstances(users: string[], extra: Partial<LivepushAuthOptions> = {}) {
  const events: SessionEvent[] = [];
  const { mock } = await setupTest();
  const store = createMemoryStore(extra.now ? { now: extra.now } : {});
  const make = () =>
    createLivepushAuth({
      ...authOptions(mock),
      ...extra,
      store,
      onSession: (event) => void events.push(event),
      fetchUser: async ({ api }) => ({ ...(await api.account.get()), id: users.shift()! }),
    });
  return { mock, store, events, one: make(), two: make() };
}

describe('signOutUser and listSessions (memory store)', () => {
  it("ends every session of the user on every instance at their next request; other users' stay", async () => {
    const { one, two, events, mock } = await twoInstances(['u-ada', 'u-ada', 'u-bob']);
    const laptop = new NamedBrowser(one, 'Laptop/1.0');
    const phone = new NamedBrowser(two, 'Phone/2.0');
    const bob = new NamedBrowser(one, 'Bob/3.0');
    for (const browser of [laptop, phone, bob]) await browser.signIn();
    expect(await laptop.session()).toMatchObject({ userId: 'u-ada' });
    expect(await phone.session()).toMatchObject({ userId: 'u-ada' });
    expect(await bob.session()).toMatchObject({ userId: 'u-bob' });

    expect(await two.signOutUser('u-ada')).toBe(2);
    expect(await laptop.session()).toEqual({ authenticated: false });
    expect((await phone.app('/auth/api/streams/streams/mine')).status).toBe(401);
    expect(await bob.session()).toMatchObject({ authenticated: true, userId: 'u-bob' });
    expect(await one.listSessions('u-ada')).toEqual([]);
    expect(await one.signOutUser('u-ada')).toBe(0);
    const revoked = events.filter((event) => event.type === 'revoked');
    expect(revoked).toEqual([{ type: 'revoked', session: null, userId: 'u-ada' }]);
    expect(tokenLeaks(mock, JSON.stringify(events))).toEqual([]);
  });

  it('listSessions: created, last used, expiry and the user agent of the sign-in; no id, no token', async () => {
    const clock = testClock();
    const { one, two } = await twoInstances(['u-ada', 'u-ada', 'u-bob'], { now: clock.now });
    const laptop = new NamedBrowser(one, 'Laptop/1.0');
    const phone = new NamedBrowser(two, `Phone/${'x'.repeat(400)}`);
    await laptop.signIn();
    const start = clock.now();
    clock.advance(120);
    await phone.signIn();
    clock.advance(120);
    await laptop.session();
    const sessions = await two.listSessions('u-ada');
    expect(sessions).toEqual([
      {
        createdAt: start,
        lastUsedAt: start + 240_000,
        expiresAt: start + 30 * 24 * 3600 * 1000,
        userAgent: 'Laptop/1.0',
      },
      {
        createdAt: start + 120_000,
        lastUsedAt: start + 120_000,
        expiresAt: start + 120_000 + 30 * 24 * 3600 * 1000,
        userAgent: `Phone/${'x'.repeat(250)}`,
      },
    ]);
    expect(await one.listSessions('u-nobody')).toEqual([]);
  });

  it('listSessions shows the idle expiry when there is an idle timeout', async () => {
    const clock = testClock();
    const { one } = await twoInstances(['u-ada'], {
      now: clock.now,
      session: { idleTimeoutSeconds: 600 },
    });
    const browser = new NamedBrowser(one, 'Laptop/1.0');
    await browser.signIn();
    clock.advance(100);
    const [session] = await one.listSessions('u-ada');
    expect(session!.expiresAt).toBe(clock.now() - 100_000 + 600_000);
  });

  it('checks userId; a store without the per-user methods is a clear invalid_config naming them', async () => {
    const { one, mock } = await twoInstances([]);
    for (const bad of ['', 42, undefined, 'x'.repeat(300)]) {
      expect(await rejection(one.signOutUser(bad as never))).toMatchObject({ code: 'invalid_request' });
      expect(await rejection(one.listSessions(bad as never))).toMatchObject({ code: 'invalid_request' });
    }
    const full = createMemoryStore();
    const bare: SessionStore = {
      get: (id) => full.get(id),
      set: (id, record, ttl) => full.set(id, record, ttl),
      delete: (id) => full.delete(id),
      update: (id, next, ttl) => full.update(id, next, ttl),
    };
    const auth = createLivepushAuth({ ...authOptions(mock), store: bare });
    expect(await rejection(auth.signOutUser('u-ada'))).toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('deleteUserSessions(userId)'),
    });
    expect(await rejection(auth.listSessions('u-ada'))).toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('listUserSessions(userId)'),
    });
  });

  it('a store that fails is store_unavailable', async () => {
    const { mock } = await setupTest();
    const store = createMemoryStore();
    store.deleteUserSessions = async () => {
      throw new Error('connection reset');
    };
    const auth = createLivepushAuth({ ...authOptions(mock), store });
    expect(await rejection(auth.signOutUser('u-ada'))).toMatchObject({ code: 'store_unavailable' });
  });
});

describe('signOutUser and listSessions in cookie mode', () => {
  it('throw invalid_config: a cookie session cannot be found or ended from the server', async () => {
    const { auth } = await setupTest();
    for (const call of [auth.signOutUser('u-ada'), auth.listSessions('u-ada')]) {
      expect(await rejection(call)).toMatchObject({
        code: 'invalid_config',
        message: expect.stringMatching(/needs a session store.*createMemoryStore\(\).*createRedisStore\(\)/),
      });
    }
  });
});

describe('POST {basePath}/logout {"everywhere":true}', () => {
  it('with a store: every session of the user ends, this one included; others stay', async () => {
    const { one, two, events } = await twoInstances(['u-ada', 'u-ada', 'u-bob']);
    const laptop = new NamedBrowser(one, 'Laptop/1.0');
    const phone = new NamedBrowser(two, 'Phone/2.0');
    const bob = new NamedBrowser(two, 'Bob/3.0');
    for (const browser of [laptop, phone, bob]) await browser.signIn();
    const answer = await laptop.app('/auth/logout', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ everywhere: true }),
    });
    expect(answer.status).toBe(204);
    expect([...laptop.jar.keys()]).toEqual([]);
    expect(await phone.session()).toEqual({ authenticated: false });
    expect(await bob.session()).toMatchObject({ authenticated: true });
    expect(
      events.filter((event) => event.type !== 'signIn').map(({ type, userId }) => [type, userId]),
    ).toEqual([
      ['revoked', 'u-ada'],
      ['signOut', 'u-ada'],
    ]);
  });

  it('a plain form post (everywhere=true) works too, and is refused from another site', async () => {
    const { one, two } = await twoInstances(['u-ada', 'u-ada']);
    const laptop = new NamedBrowser(one, 'Laptop/1.0');
    const phone = new NamedBrowser(two, 'Phone/2.0');
    for (const browser of [laptop, phone]) await browser.signIn();
    const form = (origin: string) =>
      laptop.app('/auth/logout', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'everywhere=true',
      });
    expect((await form('https://evil.example')).status).toBe(403);
    expect(await phone.session()).toMatchObject({ authenticated: true });
    const done = await form(APP_ORIGIN);
    expect(done.status).toBe(303);
    expect(await phone.session()).toEqual({ authenticated: false });
  });

  it('in cookie mode: a clear invalid_config answer, and the session is kept', async () => {
    const onError = vi.fn();
    const { browser } = await setupTest({ auth: { onError } });
    await browser.signIn();
    const answer = await browser.app('/auth/logout', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, accept: 'application/json' },
      body: JSON.stringify({ everywhere: true }),
    });
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({
      code: 'invalid_config',
      message: 'Livepush sign-in is not configured correctly on this server.',
    });
    expect(onError.mock.calls[0]![0]).toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('signOutUser needs a session store'),
    });
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });
});

describe('revoked events', () => {
  it('a refresh that finds the grant revoked at Livepush emits revoked with the user id', async () => {
    const clock = testClock();
    const events: SessionEvent[] = [];
    const { browser, mock } = await setupTest({
      auth: { now: clock.now, onSession: (event) => void events.push(event) },
    });
    await browser.signIn();
    mock.revokeAllTokens();
    clock.advance(2 * 3600); // the access token is past its expiry: the next read refreshes
    expect(await browser.session()).toEqual({ authenticated: false });
    expect(events.map(({ type, userId }) => [type, userId])).toEqual([
      ['signIn', '64b7f3a2c9e77a0012d4e5f1'],
      ['revoked', '64b7f3a2c9e77a0012d4e5f1'],
    ]);
  });
});
