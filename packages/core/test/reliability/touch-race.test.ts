// The last-use write (idle timeout) against a refresh running in parallel, as a page load makes them:
// one request refreshes the session, another only records the use. Neither may hand the browser
// tokens older than the ones it already got.
import { APP_ORIGIN } from '@livepush/test-support';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/index';
import { setupTest } from '../integration/harness';
import { countingStore, testClock } from '../session/modes';

describe('the last-use write and a parallel refresh', () => {
  it('cookie mode: a request that only records the use, answered after a parallel refresh, does not bring back the spent tokens', async () => {
    const clock = testClock();
    const { browser, auth, mock } = await setupTest({
      mock: { accessTokenTtlSeconds: 3600, refreshTokenReuse: 'reject' },
      auth: { now: clock.now, session: { maxAgeSeconds: 86_400, idleTimeoutSeconds: 7200 } },
    });
    await browser.signIn();
    // 3,500 s in: the last use is long ago (a write is due), and the token is inside twice the 60 s
    // leeway, where the session route refreshes, but not inside the leeway, where API calls do.
    clock.advance(3500);
    const cookie = browser.cookieHeader();
    const get = (path: string) => auth.handler(new Request(`${APP_ORIGIN}${path}`, { headers: { cookie } }));
    const [refreshed, used] = await Promise.all([
      get('/auth/session'),
      get('/auth/api/streams/streams/mine'),
    ]);
    expect([refreshed.status, used.status]).toEqual([200, 200]);
    expect(mock.stats().refreshGrants).toBe(1);
    // The API call's answer arrives last.
    browser.store(refreshed);
    browser.store(used);
    // Past the old token's expiry and inside the new one's leeway: the browser's tokens must be the
    // rotated ones, so the next refresh is granted and nothing is replayed.
    clock.advance(3600 - 30);
    expect(await browser.session()).toMatchObject({ authenticated: true });
    expect(mock.stats()).toMatchObject({ refreshGrants: 2, refreshTokenReplays: 0 });
  });

  it('store mode: no store write for the last use when a refresh is near (the refresh writes it)', async () => {
    const clock = testClock();
    const store = countingStore(createMemoryStore({ now: clock.now }));
    const { browser, auth } = await setupTest({
      mock: { accessTokenTtlSeconds: 3600 },
      auth: { store, now: clock.now, session: { idleTimeoutSeconds: 7200 } },
    });
    await browser.signIn();
    const afterSignIn = store.writes;
    clock.advance(3500);
    expect(await browser.session()).toMatchObject({ authenticated: true });
    // One write: the refreshed tokens, with the last use (not a last-use write first, then the refresh).
    expect(store.writes).toBe(afterSignIn + 1);
    const [session] = await auth.listSessions('64b7f3a2c9e77a0012d4e5f1');
    expect(session!.lastUsedAt).toBe(clock.now());
  });

  it('an app that only reads the session (no refresh) while the token is near its refresh is not ended by the idle timeout', async () => {
    const clock = testClock();
    const { browser, auth } = await setupTest({
      mock: { accessTokenTtlSeconds: 3600 },
      auth: { now: clock.now, session: { maxAgeSeconds: 86_400, idleTimeoutSeconds: 600 } },
    });
    await browser.signIn();
    // A server load that reads the session as it is (getSession without refresh), every 200 s, from
    // well before the token nears its refresh (at 3,480 s) to long after it expired (3,600 s).
    const read = async () => {
      const context = auth.requestContext(
        new Request(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } }),
      );
      const session = await context.getSession();
      browser.store(context.applyCookies(new Response(null)));
      return session;
    };
    for (let at = 200; at <= 5000; at += 200) {
      clock.advance(200);
      expect(await read(), `${at} s`).toMatchObject({ authenticated: true });
    }
  });
});
