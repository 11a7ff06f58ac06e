import { authOptions } from '@livepush/test-support';
import { describe, expect, it } from 'vitest';
import { createLivepushAuth, createMemoryStore } from '../../src/server/index';
import { rejection } from '../helpers';
import { Browser, setupTest } from '../integration/harness';
import { countingStore, MODES, testClock } from './modes';

const sessionCookie = (browser: Browser) => browser.jar.get('livepush_session');

describe.each(MODES)('session lifetime (%s)', (_mode, mode) => {
  it('idleTimeoutSeconds: each use extends it; unused that long, the session ends (and is cleared)', async () => {
    const clock = testClock();
    const store = 'store' in mode() ? { store: createMemoryStore({ now: clock.now }) } : {};
    const { browser } = await setupTest({
      auth: { ...store, now: clock.now, session: { maxAgeSeconds: 7200, idleTimeoutSeconds: 600 } },
    });
    await browser.signIn();
    for (let use = 0; use < 4; use++) {
      clock.advance(500); // 2,000 s in all: past the idle timeout from sign-in, never idle that long
      expect(await browser.session()).toMatchObject({ authenticated: true });
    }
    clock.advance(601);
    expect(await browser.session()).toEqual({ authenticated: false });
    expect(sessionCookie(browser)).toBeUndefined();
  });

  it('maxAgeSeconds bounds the session however often it is used', async () => {
    const clock = testClock();
    const store = 'store' in mode() ? { store: createMemoryStore({ now: clock.now }) } : {};
    const { browser } = await setupTest({
      auth: { ...store, now: clock.now, session: { maxAgeSeconds: 1800, idleTimeoutSeconds: 600 } },
    });
    const signIn = await browser.app('/auth/login').then(async (login) => {
      const approved = await fetch(new URL(login.headers.get('location')!), { redirect: 'manual' });
      const callback = new URL(approved.headers.get('location')!);
      return browser.app(callback.pathname + callback.search);
    });
    // The cookie lives as long as the absolute lifetime; the server enforces the idle timeout.
    expect(signIn.headers.getSetCookie().find((line) => line.startsWith('livepush_session='))).toMatch(
      /Max-Age=1800;/,
    );
    for (let at = 300; at < 1800; at += 300) {
      clock.advance(300);
      expect(await browser.session()).toMatchObject({ authenticated: true });
    }
    clock.advance(300);
    expect(await browser.session()).toEqual({ authenticated: false });
  });
});

describe('the last use is written back at most once a minute', () => {
  it('store mode: one store write per minute of use, however many requests', async () => {
    const clock = testClock();
    const store = countingStore(createMemoryStore({ now: clock.now }));
    const { browser } = await setupTest({
      auth: { store, now: clock.now, session: { idleTimeoutSeconds: 3600 } },
    });
    await browser.signIn();
    const afterSignIn = store.writes;
    for (const seconds of [10, 10, 10, 10, 10, 9]) {
      clock.advance(seconds);
      await browser.session();
    }
    expect(store.writes).toBe(afterSignIn); // 59 s after sign-in: nothing to write
    clock.advance(2);
    await browser.session();
    await browser.session();
    expect(store.writes).toBe(afterSignIn + 1);
    for (let i = 0; i < 5; i++) {
      clock.advance(10);
      await browser.session();
    }
    expect(store.writes).toBe(afterSignIn + 1);
    clock.advance(15);
    await browser.session();
    expect(store.writes).toBe(afterSignIn + 2);
  });

  it('store mode without an idle timeout still records the last use (for listSessions)', async () => {
    const clock = testClock();
    const store = createMemoryStore({ now: clock.now });
    const { browser, auth } = await setupTest({ auth: { store, now: clock.now } });
    await browser.signIn();
    const [signedIn] = await auth.listSessions('64b7f3a2c9e77a0012d4e5f1');
    clock.advance(90);
    await browser.session();
    const [used] = await auth.listSessions('64b7f3a2c9e77a0012d4e5f1');
    expect(used!.lastUsedAt - signedIn!.lastUsedAt).toBe(90_000);
  });

  it('cookie mode: the token cookie is rewritten at most once a minute; the sign-in cookie never', async () => {
    const clock = testClock();
    const { browser } = await setupTest({ auth: { now: clock.now, session: { idleTimeoutSeconds: 3600 } } });
    await browser.signIn();
    const sealed = sessionCookie(browser);
    const writes = async () => {
      const response = await browser.app('/auth/session');
      return response.headers.getSetCookie().filter((line) => line.startsWith('livepush_session')).length;
    };
    clock.advance(30);
    expect(await writes()).toBe(0);
    clock.advance(31);
    expect(await writes()).toBe(1);
    expect(await writes()).toBe(0);
    clock.advance(59);
    expect(await writes()).toBe(0);
    expect(sessionCookie(browser)).toBe(sealed);
    // A cookie session without an idle timeout has nothing to record.
    const plain = await setupTest({ auth: { now: clock.now } });
    await plain.browser.signIn();
    clock.advance(120);
    expect((await plain.browser.app('/auth/session')).headers.getSetCookie()).toEqual([]);
  });

  it('a copy of an idle cookie does not come back: the last use lives in the sealed token cookie', async () => {
    const clock = testClock();
    const { browser, auth } = await setupTest({
      auth: { now: clock.now, session: { idleTimeoutSeconds: 300 } },
    });
    await browser.signIn();
    const copy = new Browser(auth);
    for (const [name, value] of browser.jar) copy.jar.set(name, value);
    clock.advance(200);
    expect(await browser.session()).toMatchObject({ authenticated: true });
    clock.advance(200);
    // The browser that kept using it is 200 s idle; the copy of the sign-in state is 400 s idle.
    expect(await browser.session()).toMatchObject({ authenticated: true });
    expect(await copy.session()).toEqual({ authenticated: false });
  });
});

describe('session.idleTimeoutSeconds validation', () => {
  it('must be a positive whole number of seconds, at most maxAgeSeconds', async () => {
    const { mock } = await setupTest();
    const problem = async (session: Record<string, unknown>) =>
      ((await rejection(() => createLivepushAuth({ ...authOptions(mock), session }))) as Error).message;
    for (const bad of [0, -5, 1.5, '600', Number.NaN])
      expect(await problem({ idleTimeoutSeconds: bad })).toContain(
        'session.idleTimeoutSeconds must be a positive whole number of seconds',
      );
    expect(await problem({ maxAgeSeconds: 600, idleTimeoutSeconds: 601 })).toContain(
      'session.idleTimeoutSeconds (601) must be at most session.maxAgeSeconds (600)',
    );
    expect(() =>
      createLivepushAuth({ ...authOptions(mock), session: { maxAgeSeconds: 600, idleTimeoutSeconds: 600 } }),
    ).not.toThrow();
  });
});
