import type { MockLivepush } from '@livepush/mock-server';
import { APP_ORIGIN, startMock } from '@livepush/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInApp } from './support';

let mock: MockLivepush;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

describe('handlers (app/auth/[...livepush]/route.ts)', () => {
  it('answer the core routes for every method: sign-in through the mock, the session, sign-out', async () => {
    const { browser, livepush } = await signedInApp(mock);
    const session = await browser.session();
    expect(session).toMatchObject({ authenticated: true, scopes: ['profile.read', 'streams.read'] });

    const logout = await livepush.handlers.POST(
      new Request(`${APP_ORIGIN}/auth/logout`, {
        method: 'POST',
        headers: { cookie: browser.cookieHeader(), origin: APP_ORIGIN, accept: 'application/json' },
      }),
    );
    expect(logout.status).toBe(204);
    browser.store(logout);
    expect(await browser.session()).toEqual({ authenticated: false });
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const response = await livepush.handlers[method](
        new Request(`${APP_ORIGIN}/auth/api/streams/streams/mine`, {
          method,
          headers: { origin: APP_ORIGIN },
        }),
      );
      expect(response.status, method).toBe(401);
    }
  });

  it("starts no sign-in when Next.js' router fetches the login route (prefetch, client navigation)", async () => {
    const { livepush } = await signedInApp(mock);
    const before = mock.stats().authorizeRequests;
    const fetched = await livepush.handlers.GET(
      new Request(`${APP_ORIGIN}/auth/login?returnTo=/streams`, { headers: { rsc: '1' } }),
    );
    // No body: the router then navigates to the URL for real.
    expect(fetched.status).toBe(204);
    expect(fetched.body).toBeNull();
    expect(fetched.headers.getSetCookie()).toEqual([]);
    const navigated = await livepush.handlers.GET(new Request(`${APP_ORIGIN}/auth/login?returnTo=/streams`));
    expect(navigated.status).toBe(302);
    expect(navigated.headers.get('location')).toMatch(new RegExp(`^${mock.url}/`));
    expect(navigated.headers.getSetCookie().join('\n')).toMatch(/livepush_session_tx/);
    expect(mock.stats().authorizeRequests).toBe(before);
  });

  it('validates the options at the first request, with every problem in one invalid_config error', async () => {
    const { createLivepushNext } = await import('../src/create');
    const livepush = createLivepushNext({
      clientId: '',
      clientSecret: '',
      redirectUri: 'nope',
      secret: 'short',
    });
    await expect(livepush.handlers.GET(new Request(`${APP_ORIGIN}/auth/session`))).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringMatching(/secret[\s\S]*redirectUri|redirectUri[\s\S]*secret/),
    });
    expect(() => createLivepushNext(null as never)).toThrow(/needs the options/);
  });
});
