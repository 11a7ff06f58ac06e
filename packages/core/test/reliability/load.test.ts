import { type MockLivepush, startMockLivepush } from '@livepush/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLivepushAuth, type LivepushAuth } from '../../src/server/index';
import { APP_ORIGIN, Browser, SECRET } from '../integration/harness';

const SESSIONS = 100;
const REQUESTS = 1000;
const HOUR = 3_600_000;

let mock: MockLivepush;
let auth: LivepushAuth;
let offset = 0;
/** For each session, every access token it may legitimately use (its own, and its refreshed one). */
const tokensOf = new Map<number, Set<string>>();
const sessionOfRefreshToken = new Map<string, number>();
let signingIn = -1;
let apiCalls = 0;

beforeAll(async () => {
  mock = await startMockLivepush({ consent: 'approve', accessTokenTtlSeconds: 3600 });
  auth = createLivepushAuth({
    clientId: 'livepush-demo-client',
    clientSecret: 'livepush-demo-secret-not-for-production',
    redirectUri: `${APP_ORIGIN}/auth/callback`,
    secret: SECRET,
    scopes: ['streams.read'],
    endpoints: mock.endpoints,
    now: () => Date.now() + offset,
    logger: { debug() {}, warn() {}, error() {} },
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input.toString());
      if (url.pathname.endsWith('/access_token')) {
        const response = await fetch(input, init);
        const body = (await response.clone().json()) as { access_token: string; refresh_token: string };
        const old = url.searchParams.get('refresh_token');
        const owner = old === null ? signingIn : sessionOfRefreshToken.get(old)!;
        tokensOf.get(owner)!.add(body.access_token);
        sessionOfRefreshToken.set(body.refresh_token, owner);
        return response;
      }
      // A stand-in Livepush API that says which token it was called with; 5% of calls fail.
      apiCalls += 1;
      if (apiCalls % 20 === 0)
        return new Response('<html>upstream down</html>', {
          status: 503,
          headers: { 'content-type': 'text/html' },
        });
      const bearer = new Headers(init?.headers).get('authorization')!.slice('Bearer '.length);
      return Response.json({ bearer });
    },
  });
});
afterAll(() => mock.close());

describe('load: 1,000 concurrent requests across 100 sessions', () => {
  it('no 500, one refresh per expired session, no session mixed up (heap growth: bench/ refresh-storm)', async () => {
    const cookies: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      // Half sign in "now", half 50 minutes later: at load time the first half is due, the second fresh.
      offset = i < SESSIONS / 2 ? 0 : 50 * 60_000;
      signingIn = i;
      tokensOf.set(i, new Set());
      const browser = new Browser(auth);
      await browser.signIn();
      cookies.push(browser.cookieHeader());
    }
    offset = HOUR - 30_000; // inside the 60 s leeway of the first half only
    const refreshesBefore = mock.stats().refreshGrants;

    const results = await Promise.all(
      Array.from({ length: REQUESTS }, async (_, k) => {
        const session = k % SESSIONS;
        const response = await auth.handler(
          new Request(`${APP_ORIGIN}/auth/api/streams/streams/mine`, {
            headers: { cookie: cookies[session]! },
          }),
        );
        return {
          session,
          status: response.status,
          body: (await response.json()) as { bearer?: string; code?: string },
        };
      }),
    );

    const statuses = new Map<number, number>();
    for (const { status } of results) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThanOrEqual(REQUESTS * 0.9);
    expect(statuses.get(503)).toBeGreaterThan(0);
    for (const { session, status, body } of results) {
      if (status === 200) expect(tokensOf.get(session)!.has(body.bearer!)).toBe(true);
      else expect(body.code).toBe('api_error');
    }
    expect(mock.stats().refreshGrants - refreshesBefore).toBe(SESSIONS / 2);
  }, 60_000);
});
