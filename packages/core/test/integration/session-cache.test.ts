import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, setupTest } from './harness';

const withCookie = (value: string) =>
  new Request(`${APP_ORIGIN}/`, { headers: { cookie: `livepush_session=${value}` } });

describe('the opened-session cache', () => {
  it('answers only for the exact cookie it opened, though it is keyed by the cookie’s end', async () => {
    const { browser, auth } = await setupTest();
    await browser.signIn();
    const good = browser.jar.get('livepush_session')!;
    expect(await auth.getSession(withCookie(good))).toMatchObject({ authenticated: true }); // now cached

    // Same last characters (the GCM tag), anything else different: never the cached session.
    for (const at of [0, 3, 12, good.length >> 1, good.length - 25]) {
      const forged = good.slice(0, at) + (good[at] === 'A' ? 'B' : 'A') + good.slice(at + 1);
      expect(await auth.getSession(withCookie(forged))).toBeNull();
    }
    expect(await auth.getSession(withCookie(`x${good.slice(1)}`))).toBeNull();
    expect(await auth.getSession(withCookie(good.slice(-24)))).toBeNull();
    // And the cached session is still served, to the exact value.
    expect(await auth.getSession(withCookie(good))).toMatchObject({ authenticated: true });
  });

  it('a cached session that has expired is no session', async () => {
    let now = Date.now();
    const { browser, auth } = await setupTest({ auth: { session: { maxAgeSeconds: 60 }, now: () => now } });
    await browser.signIn();
    const good = browser.jar.get('livepush_session')!;
    expect(await auth.getSession(withCookie(good))).toMatchObject({ authenticated: true });
    now += 61_000;
    expect(await auth.getSession(withCookie(good))).toBeNull();
  });
});
