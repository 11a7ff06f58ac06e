import { tokenLeaks } from '@livepush/test-support';
import { describe, expect, it } from 'vitest';
import { LivepushAuthError } from '../../src/index';
import { APP_ORIGIN, Browser, type setup, setupTest } from './harness';

/** A signed-in browser whose access token is already due (TTL shorter than the 60 s leeway). */
async function expiredSession(options: Parameters<typeof setup>[0] = {}) {
  const env = await setupTest({ ...options, mock: { accessTokenTtlSeconds: 30, ...options.mock } });
  await env.browser.signIn();
  return env;
}

describe('refresh through the handler', () => {
  it('a due token is refreshed before the proxy call and the new session is written back', async () => {
    const { browser, mock } = await expiredSession();
    const before = browser.jar.get('livepush_session');
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(200);
    expect(mock.stats().refreshGrants).toBe(1);
    expect(browser.jar.get('livepush_session')).not.toBe(before);
  });

  it('50 concurrent requests with one expired session → exactly 1 token request, all 50 succeed', async () => {
    // A 120 s token seen 61 s later: due (60 s leeway), while the refreshed one is not, so a request
    // that starts after the refresh finished must reuse it rather than refresh again.
    let now = Date.now();
    const env = await setupTest({ mock: { accessTokenTtlSeconds: 120 }, auth: { now: () => now } });
    await env.browser.signIn();
    now += 61_000;
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
      expect(response.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^livepush_session=/));
  });

  it('a late request still carrying the rotated-out session gets the new tokens, not invalid_grant', async () => {
    let now = Date.now();
    const env = await setupTest({ mock: { accessTokenTtlSeconds: 120 }, auth: { now: () => now } });
    await env.browser.signIn();
    now += 61_000; // inside the 60 s leeway: due
    const stale = env.browser.cookieHeader();
    expect((await env.browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
    const late = await env.auth.handler(
      new Request(`${APP_ORIGIN}/auth/api/streams/streams/mine`, { headers: { cookie: stale } }),
    );
    expect(late.status).toBe(200);
    expect(env.mock.stats().refreshGrants).toBe(1);
  });

  it('invalid_grant on refresh ends the session: 401 and cleared cookies', async () => {
    const { browser, mock } = await expiredSession();
    mock.revokeAllTokens();
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    expect(browser.jar.has('livepush_session')).toBe(false);
    expect(await browser.session()).toEqual({ authenticated: false });
  });

  it('a 503 on refresh keeps the user signed in and surfaces a typed error', async () => {
    const errors: LivepushAuthError[] = [];
    const { browser, mock } = await expiredSession({ auth: { onError: (error) => errors.push(error) } });
    const cookie = browser.jar.get('livepush_session');
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
    const { browser, mock } = await expiredSession();
    const first = (await browser.session()).expiresAt as number;
    expect(mock.stats().refreshGrants).toBe(1);
    expect(first).toBeGreaterThan(Date.now());
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
    expect(setCookies.some((c) => c.startsWith('livepush_session='))).toBe(true);
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
    const { browser, auth, mock } = await expiredSession();
    const request = () => new Request(`${APP_ORIGIN}/page`, { headers: { cookie: browser.cookieHeader() } });
    const pure = auth.requestContext(request());
    const stale = await pure.getSession();
    expect(mock.stats().refreshGrants).toBe(0);
    const context = auth.requestContext(request());
    const fresh = await context.getSession({ refresh: true });
    expect(mock.stats().refreshGrants).toBe(1);
    expect(fresh!.expiresAt).toBeGreaterThan(stale!.expiresAt);
    expect(context.setCookies.some((c) => c.startsWith('livepush_session='))).toBe(true);

    mock.setFaults({ on: 'token', kind: 'status', status: 500 });
    const kept = await auth.requestContext(request()).getSession({ refresh: true });
    expect(kept).toMatchObject({ authenticated: true, expiresAt: stale!.expiresAt });
  });
});
