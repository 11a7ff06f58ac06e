import { tokenCookie, tokenLeaks } from '@livepush/test-support';
import { describe, expect, it } from 'vitest';
import { LivepushAuthError } from '../../src/index';
import { dueSession, setupWithClock } from './due-session';
import { APP_ORIGIN, Browser, type setup, setupTest } from './harness';

/** A signed-in browser whose access token is due (the injected clock is inside the 60 s leeway). */
const expiredSession = (options: Parameters<typeof setup>[0] = {}) => dueSession(options);

describe('refresh through the handler', () => {
  it('a due token is refreshed before the proxy call and the new session is written back', async () => {
    const { browser, mock } = await expiredSession();
    const before = browser.jar.get('livepush_session');
    expect(tokenCookie(browser.jar)).toBeUndefined();
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(200);
    expect(mock.stats().refreshGrants).toBe(1);
    // The refreshed tokens live in the session's own token cookie; the sign-in record stays as it was.
    expect(tokenCookie(browser.jar)).toMatch(/^v1\./);
    expect(browser.jar.get('livepush_session')).toBe(before);
    const after = await browser.session();
    expect(after.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('50 concurrent requests with one expired session → exactly 1 token request, all 50 succeed', async () => {
    // A 120 s token seen 91 s later: due (its leeway is capped at a quarter of its life, 30 s),
    // while the refreshed one is not, so a request that starts after the refresh finished must reuse
    // it rather than refresh again.
    let now = Date.now();
    const env = await setupTest({ mock: { accessTokenTtlSeconds: 120 }, auth: { now: () => now } });
    await env.browser.signIn();
    now += 91_000;
    const tokenRequestsBefore = env.mock.stats().tokenRequests;
    const cookie = env.browser.cookieHeader();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        env.auth.handler(new Request(`${APP_ORIGIN}/auth/api/streams/streams/mine`, { headers: { cookie } })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(env.mock.stats().tokenRequests - tokenRequestsBefore).toBe(1);
    // Every response carries the refreshed session, so whichever the browser keeps is valid.
    for (const response of responses)
      expect(response.headers.getSetCookie()).toContainEqual(
        expect.stringMatching(/^livepush_session-[\w-]{16}=v1\./),
      );
  });

  it('a late request still carrying the rotated-out session gets the new tokens, not invalid_grant', async () => {
    let now = Date.now();
    const env = await setupTest({ mock: { accessTokenTtlSeconds: 120 }, auth: { now: () => now } });
    await env.browser.signIn();
    now += 91_000; // inside the leeway (a quarter of the 120 s life): due
    const stale = env.browser.cookieHeader();
    expect((await env.browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
    const late = await env.auth.handler(
      new Request(`${APP_ORIGIN}/auth/api/streams/streams/mine`, { headers: { cookie: stale } }),
    );
    expect(late.status).toBe(200);
    expect(env.mock.stats().refreshGrants).toBe(1);
  });

  it('invalid_grant on refresh ends the session: 401 and cleared cookies', async () => {
    const { browser, mock, clock } = await expiredSession();
    mock.revokeAllTokens();
    clock.now += 35_000; // the access token has expired: nothing can serve the request any more
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    // The answer ends the session in its own token cookie (it may arrive after another sign-in, whose
    // cookie it must not delete); the next request clears every session cookie.
    expect(await browser.session()).toEqual({ authenticated: false });
    expect([...browser.jar.keys()].filter((name) => name.startsWith('livepush_session'))).toEqual([]);
  });

  it('invalid_grant while the access token still works (revoked at Livepush) ends the session within the request', async () => {
    const { browser, mock } = await expiredSession();
    mock.revokeAllTokens();
    // Due, not expired: the refresh is refused, the still-unexpired token is tried and refused (401),
    // the forced refresh is refused too: the session ends in this one request.
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    expect(await browser.session()).toEqual({ authenticated: false });
  });

  it('a 503 on refresh keeps the user signed in and surfaces a typed error', async () => {
    const errors: LivepushAuthError[] = [];
    const { browser, mock } = await expiredSession({ auth: { onError: (error) => errors.push(error) } });
    const cookie = browser.jar.get('livepush_session');
    expect(cookie).toBeDefined();
    mock.setFaults({ on: 'token', kind: 'status', status: 503, retryAfterSeconds: 5 });
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ code: 'token_request_failed' });
    expect(browser.jar.get('livepush_session')).toBe(cookie);
    expect(errors.at(-1)).toBeInstanceOf(LivepushAuthError);
    expect(errors.at(-1)!.isTransient).toBe(true);
    // The session endpoint still says signed in; the next request refreshes fine.
    expect(await browser.session()).toMatchObject({ authenticated: true });
    expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
  });

  it('a dropped connection on refresh is a 502 network_error; the session is kept', async () => {
    const { browser, mock } = await expiredSession();
    mock.setFaults({ on: 'token', kind: 'drop' });
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: 'network_error' });
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });

  it('the session route refreshes a due token so expiresAt moves forward', async () => {
    const { browser, mock, clock } = await expiredSession();
    const first = (await browser.session()).expiresAt as number;
    expect(mock.stats().refreshGrants).toBe(1);
    expect(first).toBeGreaterThan(clock.now + 3_000_000);
  });

  it('the session route says when it will refresh ahead of expiry (refreshIn: twice the leeway before it, at most a day)', async () => {
    const { browser, mock, clock } = await setupWithClock({ mock: { accessTokenTtlSeconds: 3600 } });
    await browser.signIn();
    expect(await browser.session()).toMatchObject({ authenticated: true, refreshIn: 3600 - 120 });
    clock.now += 3_479_000;
    expect(await browser.session()).toMatchObject({ refreshIn: 1 });
    expect(mock.stats().refreshGrants).toBe(0);
    clock.now += 1_000; // 120 s before expiry: the session route refreshes, API routes would not yet
    expect(await browser.session()).toMatchObject({ refreshIn: 3600 - 120 });
    expect(mock.stats().refreshGrants).toBe(1);

    const long = await setupWithClock({ mock: { accessTokenTtlSeconds: 30 * 86_400 } });
    await long.browser.signIn();
    expect(await long.browser.session()).toMatchObject({ refreshIn: 86_400 });
  });

  it('an API 401 triggers exactly one refresh and one retry', async () => {
    const env = await setupTest();
    await env.browser.signIn();
    const before = env.mock.stats();
    env.mock.setFaults({ on: 'api', kind: 'status', status: 401, body: '{"message":"Unauthorized"}' });
    const response = await env.browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(200);
    const after = env.mock.stats();
    expect(after.refreshGrants - before.refreshGrants).toBe(1);
    expect(after.apiRequests - before.apiRequests).toBe(2);
  });

  it('a second 401 after the retry is passed through, not looped', async () => {
    const env = await setupTest();
    await env.browser.signIn();
    const before = env.mock.stats();
    env.mock.setFaults({
      on: 'api',
      kind: 'status',
      status: 401,
      times: 5,
      body: '{"message":"Unauthorized"}',
    });
    const response = await env.browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(401);
    expect(env.mock.stats().apiRequests - before.apiRequests).toBe(2);
  });
});

describe('server helpers', () => {
  it('getSession makes no network call while the token is fresh', async () => {
    const env = await setupTest();
    await env.browser.signIn();
    const before = env.mock.stats();
    const request = new Request(`${APP_ORIGIN}/page`, { headers: { cookie: env.browser.cookieHeader() } });
    for (let i = 0; i < 20; i++)
      expect(await env.auth.getSession(request)).toMatchObject({ authenticated: true });
    expect(env.mock.stats()).toEqual(before);
  });

  it('getAccessToken refreshes when due and returns the cookies to persist', async () => {
    const { browser, auth, mock } = await expiredSession();
    const request = new Request(`${APP_ORIGIN}/page`, { headers: { cookie: browser.cookieHeader() } });
    const { accessToken, setCookies } = await auth.getAccessToken(request);
    expect(accessToken).toBeTruthy();
    expect(setCookies.some((c) => /^livepush_session-[\w-]{16}=v1\./.test(c))).toBe(true);
    expect(mock.stats().refreshGrants).toBe(1);
    await expect(auth.getAccessToken(new Request(`${APP_ORIGIN}/`))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('requestContext gives a typed API client acting as the user, with scope checks', async () => {
    const env = await setupTest();
    await env.browser.signIn();
    const context = env.auth.requestContext(
      new Request(`${APP_ORIGIN}/`, { headers: { cookie: env.browser.cookieHeader() } }),
    );
    const streams = await context.api.streams.list();
    expect(streams[0]!.id).toMatch(/^st_/);
    await expect(context.api.streams.create({ name: 'x', category: 'simulcast' })).rejects.toMatchObject({
      code: 'missing_scopes',
      missingScopes: ['streams.create'],
    });
    const response = context.applyCookies(new Response('ok'));
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('onSession hears signIn, refresh and signOut without tokens', async () => {
    const events: unknown[] = [];
    const { browser, mock } = await expiredSession({
      auth: { onSession: (event) => void events.push(event) },
    });
    await browser.app('/auth/api/streams/streams/mine');
    await browser.app('/auth/logout', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, accept: 'application/json' },
    });
    expect(events.map((e) => (e as { type: string }).type)).toEqual(['signIn', 'refresh', 'signOut']);
    expect(JSON.stringify(events)).not.toMatch(/accessToken|refreshToken/);
    expect(tokenLeaks(mock, JSON.stringify(events))).toEqual([]);
  });

  it('a throwing onSession hook never breaks a request', async () => {
    const { browser } = await expiredSession({
      auth: {
        onSession: () => {
          throw new Error('hook failed');
        },
      },
    });
    expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
    // signIn and signOut run the hook too: a new browser still signs in and out.
    const other = new Browser(browser.auth);
    await other.signIn();
    expect(await other.session()).toMatchObject({ authenticated: true });
    expect((await other.logout()).ok).toBe(true);
    expect(await other.session()).toMatchObject({ authenticated: false });
  });
});

describe('getSession({ refresh: true })', () => {
  it('refreshes a due token, records the cookies, and keeps the session on a transient failure', async () => {
    const { browser, auth, mock, clock } = await expiredSession();
    const request = () => new Request(`${APP_ORIGIN}/page`, { headers: { cookie: browser.cookieHeader() } });
    const pure = auth.requestContext(request());
    const stale = await pure.getSession();
    expect(mock.stats().refreshGrants).toBe(0);
    const context = auth.requestContext(request());
    const fresh = await context.getSession({ refresh: true });
    expect(mock.stats().refreshGrants).toBe(1);
    expect(fresh!.expiresAt).toBeGreaterThan(stale!.expiresAt);
    expect(context.setCookies.some((c) => /^livepush_session-[\w-]{16}=v1\./.test(c))).toBe(true);

    // The browser keeps the refreshed session; when that one is due too and Livepush fails, it is kept.
    browser.store(context.applyCookies(new Response(null)));
    clock.now = fresh!.expiresAt - 30_000;
    mock.setFaults({ on: 'token', kind: 'status', status: 500 });
    const kept = await auth.requestContext(request()).getSession({ refresh: true });
    expect(kept).toMatchObject({ authenticated: true, expiresAt: fresh!.expiresAt });
    expect(mock.stats().refreshGrants).toBe(1);
  });
});
