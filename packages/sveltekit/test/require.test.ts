import type { MockLivepush } from '@livepush/mock-server';
import { APP_ORIGIN, authOptions, LATER_SCOPES, startMock, tokenLeaks } from '@livepush/test-support';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLivepushHandle,
  type LivepushContext,
  type LivepushLocals,
  loadSession,
  signInAction,
  signOutAction,
} from '../src/index';
import { KitBrowser } from './support/kit';

const livepush = (event: RequestEvent): LivepushContext =>
  (event.locals as unknown as LivepushLocals).livepush;

let mock: MockLivepush;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

/** A browser whose app has a /streams page whose load needs `scopes`. */
function app(...scopes: Parameters<LivepushContext['requireScopes']>) {
  return new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }), {
    '/streams': async (event) => {
      const session = await livepush(event).requireScopes(...scopes);
      return { scopes: session.scopes };
    },
    '/account': async (event) => (await livepush(event).requireSession()).user?.name,
  });
}

function loginParams(response: Response): { path: string; scope: string | null; returnTo: string | null } {
  const location = new URL(response.headers.get('location')!, APP_ORIGIN);
  return {
    path: location.pathname,
    scope: location.searchParams.get('scope'),
    returnTo: location.searchParams.get('returnTo'),
  };
}

describe('requireScopes / requireSession in load', () => {
  it('signed out: 303 to sign in with the default scopes plus the required ones, back to the page', async () => {
    const { response } = await app('streams.read', 'streams.create').request('/streams?tab=2');
    expect(response.status).toBe(303);
    expect(loginParams(response)).toEqual({
      path: '/auth/login',
      scope: 'profile.read streams.read streams.create',
      returnTo: '/streams?tab=2',
    });
  });

  it('signed in without a scope: 303 asking for the missing ones only (the core adds the granted ones)', async () => {
    const browser = app('streams.read', 'streams.create');
    await browser.signIn();
    const { response } = await browser.request('/streams');
    expect(response.status).toBe(303);
    expect(loginParams(response)).toMatchObject({ scope: 'streams.create', returnTo: '/streams' });

    // Following it is incremental consent: Livepush is asked for the union, the page then loads.
    const end = await browser.navigate(response.headers.get('location')!);
    expect(end.url.pathname).toBe('/streams');
    expect(await end.response!.json()).toEqual({
      scopes: ['profile.read', 'streams.read', 'streams.create'],
    });
  });

  it('signed in with the scopes: the session, no redirect', async () => {
    const browser = app('streams.read');
    await browser.signIn();
    const { response } = await browser.request('/streams');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ scopes: ['profile.read', 'streams.read'] });
  });

  it('after a refused consent (?error=…) it shows an error instead of sending the user back to Livepush', async () => {
    const browser = app('streams.create');
    expect((await browser.request('/streams?error=access_denied')).response.status).toBe(401);
    await browser.signIn();
    const { response } = await browser.request('/streams?error=access_denied');
    expect(response.status).toBe(403);
    expect((await response.json()).message).toMatch(/denied/);
  });

  it('a denial at Livepush lands on the page with that error, once', async () => {
    const browser = app('streams.read');
    mock.setConsent('deny');
    try {
      const end = await browser.navigate('/streams');
      expect(end.url.pathname + end.url.search).toBe('/streams?error=access_denied');
      expect(end.response!.status).toBe(401);
    } finally {
      mock.setConsent('approve');
    }
  });

  it('requireSession: 303 to sign in with the defaults when signed out, the session when signed in', async () => {
    const browser = app();
    const { response } = await browser.request('/account');
    expect(loginParams(response)).toEqual({ path: '/auth/login', scope: null, returnTo: '/account' });
    await browser.signIn();
    expect(await (await browser.request('/account')).response.json()).toBe('Ada Lovelace');
  });

  it('from a form action, returnTo is the page without the ?/action selector', async () => {
    const browser = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }));
    await browser.signIn();
    const { response } = await browser.request(
      '/streams?/create',
      { method: 'POST', body: new URLSearchParams({ name: 'x' }), headers: { origin: APP_ORIGIN } },
      { route: async (event) => livepush(event).requireScopes('streams.create') },
    );
    expect(loginParams(response)).toMatchObject({ scope: 'streams.create', returnTo: '/streams' });
  });

  it('signInUrl builds the login link for pages (a GET form works without JavaScript)', async () => {
    const browser = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }));
    const { response } = await browser.request(
      '/here?x=1',
      {},
      {
        route: (event) => [
          livepush(event).signInUrl(),
          livepush(event).signInUrl({ scopes: ['streams.create'], returnTo: '/there' }),
        ],
      },
    );
    expect(await response.json()).toEqual([
      '/auth/login?returnTo=%2Fhere%3Fx%3D1',
      '/auth/login?scope=streams.create&returnTo=%2Fthere',
    ]);
  });
});

describe('form actions (no JavaScript needed)', () => {
  const post = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
    return { method: 'POST', body, headers: { origin: APP_ORIGIN } };
  };

  it('signInAction: 303 to sign in with the form scopes and returnTo', async () => {
    const browser = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }));
    const { response } = await browser.request(
      '/?/signIn',
      post({ scope: ['streams.read', 'profile.read streams.create'], returnTo: '/streams' }),
      { route: signInAction() },
    );
    expect(response.status).toBe(303);
    expect(loginParams(response)).toEqual({
      path: '/auth/login',
      scope: 'profile.read streams.read streams.create',
      returnTo: '/streams',
    });
  });

  it('signInAction: defaults from its options, then the current page', async () => {
    const browser = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }));
    const withOptions = await browser.request('/a?/signIn', post({}), {
      route: signInAction({ scopes: ['streams.read'], returnTo: '/b' }),
    });
    expect(loginParams(withOptions.response)).toMatchObject({ scope: 'streams.read', returnTo: '/b' });
    const bare = await browser.request('/a?x=1&/signIn', post({}), { route: signInAction() });
    expect(loginParams(bare.response)).toMatchObject({ scope: null, returnTo: '/a?x=1' });
    // A new attempt after a refusal does not come back carrying the old error.
    const retry = await browser.request('/a?error=access_denied&/signIn', post({}), {
      route: signInAction(),
    });
    expect(loginParams(retry.response)).toMatchObject({ returnTo: '/a' });
  });

  it.each([
    [{ scope: 'streams.everything' }, 'invalid_scope'],
    [{ returnTo: 'https://evil.example/' }, 'invalid_request'],
    [{ returnTo: '//evil.example' }, 'invalid_request'],
  ] as const)('signInAction: %o fails with 400 data (%s), no redirect', async (fields, code) => {
    const browser = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }));
    let result: unknown;
    await browser.request('/?/signIn', post(fields), {
      route: async (event) => {
        result = await signInAction()(event);
        return null;
      },
    });
    expect(result).toMatchObject({ status: 400, data: { livepush: { code } } });
  });

  it('signOut() is guarded like POST /auth/logout: a GET load gets 405, the session stays', async () => {
    const browser = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }));
    await browser.signIn();
    const { response } = await browser.request('/bye', {}, { route: signOutAction() });
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ message: expect.stringMatching(/POST/) });
    expect(browser.jar.has('livepush_session')).toBe(true);
    const crossSite = await browser.request(
      '/?/signOut',
      { ...post({}), headers: { origin: 'https://evil.example' } },
      {
        route: signOutAction(),
      },
    );
    expect(crossSite.response.status).toBe(403);
    expect(await (await browser.request('/auth/session')).response.json()).toMatchObject({
      authenticated: true,
    });
  });

  it('signOutAction: session cookies cleared through event.cookies, 303 to redirectTo', async () => {
    const browser = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }));
    await browser.signIn();
    expect(browser.jar.has('livepush_session')).toBe(true);
    const { response } = await browser.request('/?/signOut', post({}), {
      route: signOutAction({ redirectTo: '/bye' }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/bye');
    expect(browser.jar.has('livepush_session')).toBe(false);
    expect(await (await browser.request('/auth/session')).response.json()).toEqual({ authenticated: false });
  });
});

describe('loadSession (for +layout.server.ts)', () => {
  it('passes the summary to pages, never a token, and declares livepush:session', async () => {
    const browser = new KitBrowser(createLivepushHandle({ ...authOptions(mock), ...LATER_SCOPES }));
    const deps: string[] = [];
    const route = (event: RequestEvent) =>
      loadSession({ ...event, depends: (...d: string[]) => deps.push(...d) });
    expect(await (await browser.request('/', {}, { route })).response.json()).toEqual({
      session: { authenticated: false },
    });
    await browser.signIn();
    const data = await (await browser.request('/', {}, { route })).response.json();
    expect(data.session).toMatchObject({ authenticated: true, user: { name: 'Ada Lovelace' } });
    expect(JSON.stringify(data)).not.toMatch(/accessToken|refreshToken/);
    expect(tokenLeaks(mock, JSON.stringify(data))).toEqual([]);
    expect(deps).toEqual(['livepush:session', 'livepush:session']);
  });
});
