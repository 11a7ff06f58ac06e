import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, setupTest } from '../integration/harness';

/**
 * A 401 costs a refresh grant only when Livepush says the token is invalid or expired, and at most
 * once per access token: a path (or a gateway) that always answers 401 must not turn every request
 * into a refresh of the app's credentials.
 */

const always401 = (headers?: Record<string, string>) =>
  ({
    on: 'api',
    kind: 'status',
    status: 401,
    body: '{"message":"Unauthorized"}',
    times: 1_000,
    ...(headers ? { headers } : {}),
  }) as const;

describe('401 → refresh only when the token is the problem, at most once per token', () => {
  it.each([
    ['a bare 401 (Livepush’s documented answer)', undefined],
    [
      'Bearer error="invalid_token"',
      { 'www-authenticate': 'Bearer realm="livepush", error="invalid_token"' },
    ],
  ])(
    '50 requests to a path that always answers 401 (%s) make at most 1 refresh grant',
    async (_, headers) => {
      const { browser, mock } = await setupTest();
      await browser.signIn();
      mock.setFaults(always401(headers));
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++)
        statuses.push((await browser.app('/auth/api/streams/streams/mine')).status);
      expect(statuses).toEqual(Array(50).fill(401));
      expect(mock.stats().refreshGrants).toBe(1);
      // Still signed in: the 401s were about the path, not the session.
      expect(await browser.session()).toMatchObject({ authenticated: true });
    },
  );

  it('50 concurrent requests to it, and then 50 more through the typed API client: still 1 grant', async () => {
    const { browser, mock, auth } = await setupTest();
    await browser.signIn();
    mock.setFaults(always401());
    const cookie = browser.cookieHeader();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        auth.handler(new Request(`${APP_ORIGIN}/auth/api/streams/streams/mine`, { headers: { cookie } })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(401));
    browser.store(responses[0]!);
    for (let i = 0; i < 50; i++) {
      const context = auth.requestContext(
        new Request(`${APP_ORIGIN}/page`, { headers: { cookie: browser.cookieHeader() } }),
      );
      await expect(context.api.streams.list()).rejects.toMatchObject({ code: 'api_error', status: 401 });
      for (const line of context.setCookies)
        browser.store(new Response(null, { headers: { 'set-cookie': line } }));
    }
    expect(mock.stats().refreshGrants).toBe(1);
  });

  it.each([
    ['insufficient_scope', 'Bearer realm="livepush", error="insufficient_scope", scope="streams.read"'],
    ['invalid_request', 'Bearer error="invalid_request"'],
    ['a Bearer challenge without an error', 'Bearer realm="livepush"'],
    ['a gateway’s Basic challenge', 'Basic realm="corporate gateway"'],
    [
      'Basic and a Bearer challenge with another error',
      'Basic realm="gw", Bearer error="insufficient_scope"',
    ],
  ])('a 401 whose challenge is %s is passed on without a refresh', async (_, challenge) => {
    const { browser, mock } = await setupTest();
    await browser.signIn();
    mock.setFaults({ ...always401({ 'www-authenticate': challenge }), times: 1 });
    const before = mock.stats().apiRequests;
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(401);
    expect(mock.stats().refreshGrants).toBe(0);
    expect(mock.stats().apiRequests - before).toBe(1); // no retry either
  });

  it('a token Livepush’s own clock says expired (the mock’s RFC 6750 invalid_token) is refreshed once, then works', async () => {
    let mockNow = Date.now();
    const { browser, mock } = await setupTest({ mock: { now: () => mockNow } });
    await browser.signIn();
    mockNow += 2 * 3_600_000; // the app's clock still thinks the token is fresh
    const before = mock.stats().apiRequests;
    const first = await browser.app('/auth/api/streams/streams/mine');
    expect(first.status).toBe(200);
    expect(mock.stats().refreshGrants).toBe(1);
    expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
    expect(mock.stats().refreshGrants).toBe(1);
    expect(mock.stats().apiRequests - before).toBe(3); // refused, retried, then straight through
    // A Bearer challenge after a new token was issued is again about that token: a new one is allowed.
    mockNow += 2 * 3_600_000;
    expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
    expect(mock.stats().refreshGrants).toBe(2);
  });
});
