// The README's Web `Request → Response` server examples (the root README's examples/quickstart-server.ts
// and the core README's examples/server.ts), run: imported as they are, configured by environment
// variables only (LIVEPUSH_MOCK_URL points them at the mock over real HTTP), and signed in.
import type { MockLivepush } from '@livepush/mock-server';
import { DEFAULT_CLIENT } from '@livepush/mock-server';
import { APP_ORIGIN, Browser, startMock } from '@livepush/test-support';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let mock: MockLivepush;

beforeAll(async () => {
  mock = await startMock();
  vi.stubEnv('ORIGIN', APP_ORIGIN);
  vi.stubEnv('LIVEPUSH_MOCK_URL', mock.url);
  vi.stubEnv('LIVEPUSH_CLIENT_ID', DEFAULT_CLIENT.clientId);
  vi.stubEnv('LIVEPUSH_CLIENT_SECRET', DEFAULT_CLIENT.clientSecret);
  vi.stubEnv('SESSION_SECRET', 'the-web-examples-session-secret-0123456789');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await mock?.close();
});

describe('examples/quickstart-server.ts (the root README’s server)', () => {
  it('its fetch function serves /auth/*: signs in against the mock and reports the session', async () => {
    const { default: server } = await import('../../examples/quickstart-server');
    const browser = new Browser(server.fetch);
    expect(await browser.session()).toEqual({ authenticated: false });
    const before = mock.stats().codeGrants;
    await browser.signIn();
    expect(mock.stats().codeGrants).toBe(before + 1);
    expect(await browser.session()).toMatchObject({
      authenticated: true,
      scopes: ['profile.read', 'streams.read'],
      user: { name: 'Ada Lovelace' },
    });
  });
});

describe('examples/server.ts (the core README’s server)', () => {
  it('sends a visitor to sign in, lists their streams once signed in, and signs out on a same-site POST', async () => {
    const { fetchHandler } = await import('../../examples/server');
    const browser = new Browser(fetchHandler, { sendOrigin: true });
    const first = await browser.app('/');
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe(`${APP_ORIGIN}/auth/login?returnTo=%2F`);

    await browser.signIn('?returnTo=/');
    const streams = await browser.app('/');
    expect(streams.status).toBe(200);
    const names = (await streams.json()) as string[];
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => typeof name === 'string' && name.length > 0)).toBe(true);

    const out = await browser.app('/sign-out', { method: 'POST' });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(`${APP_ORIGIN}/`);
    expect((await browser.app('/')).status).toBe(302);
  });
});

describe('apps/demo-shared/examples/mock-in-your-tests.ts (the root README’s “mock server in your own tests”)', () => {
  it('starts its own mock, gets a sign-in redirect to it, counts the authorize request, and closes it', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import('../../../../apps/demo-shared/examples/mock-in-your-tests');
    expect(log).toHaveBeenCalledTimes(1);
    const [location, authorizeRequests] = log.mock.calls[0] as [string, number];
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/authorize\?/);
    expect(new URL(location).searchParams.get('client_id')).toBe(DEFAULT_CLIENT.clientId);
    // The login route only redirects: the browser has not reached the mock yet.
    expect(authorizeRequests).toBe(0);
    // Closed: its port answers no more.
    await expect(fetch(new URL('/__mock/stats', location))).rejects.toThrow();
  });
});
