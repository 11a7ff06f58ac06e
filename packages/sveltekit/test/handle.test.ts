import { createLivepushAuth, createMemoryStore, type LivepushAuthOptions } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import { APP_ORIGIN, authOptions, startMock, tokenLeaks } from '@livepush/test-support';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLivepushHandle, type LivepushContext, type LivepushLocals } from '../src/index';
import { setBuilding } from './support/app-environment';
import { KitBrowser } from './support/kit';

let mock: MockLivepush;
let options: LivepushAuthOptions;
beforeAll(async () => {
  mock = await startMock();
  options = authOptions(mock);
});
afterAll(() => mock.close());
afterEach(() => setBuilding(false));

const livepush = (event: RequestEvent): LivepushContext =>
  (event.locals as unknown as LivepushLocals).livepush;

describe('answering {basePath}/*', () => {
  it('answers GET /auth/session itself, without calling resolve', async () => {
    const browser = new KitBrowser(createLivepushHandle(options));
    const { response, resolved } = await browser.request('/auth/session');
    expect(resolved).toBe(false);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ authenticated: false });
  });

  it('answers /auth/login with the redirect to Livepush and its transaction cookie', async () => {
    const browser = new KitBrowser(createLivepushHandle(options));
    const { response, resolved } = await browser.request('/auth/login?returnTo=/streams');
    expect(resolved).toBe(false);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(mock.endpoints.authorize);
    expect(location.searchParams.get('scope')).toBe('profile.read streams.read');
    expect(response.headers.getSetCookie().length).toBeGreaterThan(0);
  });

  it('signs in end to end through the handle: callback sets the session cookie, back to returnTo', async () => {
    const browser = new KitBrowser(createLivepushHandle(options));
    const landed = await browser.signIn('?returnTo=%2Fstreams%3Ftab%3D1');
    expect(landed.pathname + landed.search).toBe('/streams?tab=1');
    expect(browser.jar.has('livepush_session')).toBe(true);
    const session = await (await browser.request('/auth/session')).response.json();
    expect(session).toMatchObject({ authenticated: true, scopes: ['profile.read', 'streams.read'] });
    expect(session.user.name).toBe('Ada Lovelace');
    // No token in anything the browser got.
    expect(browser.bodies.join('\n')).not.toMatch(/access_token|refresh_token/);
    expect(tokenLeaks(mock, browser.bodies.join('\n'))).toEqual([]);
  });

  it('answers POST /auth/logout (form post: 303 to afterLogoutPath, cookies cleared)', async () => {
    const browser = new KitBrowser(createLivepushHandle(options));
    await browser.signIn();
    const { response } = await browser.request('/auth/logout', {
      method: 'POST',
      headers: { origin: APP_ORIGIN },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(browser.jar.has('livepush_session')).toBe(false);
  });

  it('answers under a custom basePath only', async () => {
    const handle = createLivepushHandle({
      ...options,
      basePath: '/account/livepush',
      redirectUri: `${APP_ORIGIN}/account/livepush/callback`,
    });
    const browser = new KitBrowser(handle);
    expect((await browser.request('/account/livepush/session')).resolved).toBe(false);
    expect((await browser.request('/auth/session')).resolved).toBe(true);
  });
});

describe('everything else', () => {
  it('passes through to resolve with the response it returns', async () => {
    const browser = new KitBrowser(createLivepushHandle(options));
    for (const path of ['/', '/auth', '/authors', '/streams?x=1']) {
      const { response, resolved } = await browser.request(
        path,
        {},
        { route: () => new Response('page', { status: 201 }) },
      );
      expect(resolved).toBe(true);
      expect(response.status).toBe(201);
      expect(await response.text()).toBe('page');
    }
  });

  it('sets event.locals.livepush: null signed out, the summary signed in (never a token)', async () => {
    const browser = new KitBrowser(createLivepushHandle(options));
    const out = await browser.request('/', {}, { route: (event) => livepush(event).getSession() });
    expect(await out.response.json()).toBeNull();
    await browser.signIn();
    const { response } = await browser.request('/', {}, { route: (event) => livepush(event).getSession() });
    const summary = await response.json();
    expect(summary).toMatchObject({ authenticated: true, scopes: ['profile.read', 'streams.read'] });
    expect(Object.keys(summary).sort()).toEqual([
      'authenticated',
      'data',
      'expiresAt',
      'refreshIn',
      'scopes',
      'user',
      'userId',
    ]);
    expect(summary.data).toEqual({});
    expect(JSON.stringify(summary)).not.toMatch(/token/i);
    expect(tokenLeaks(mock, JSON.stringify(summary))).toEqual([]);
  });

  it('reads the session once per request however many loads ask (memoised), and only when asked', async () => {
    const store = createMemoryStore();
    const get = vi.spyOn(store, 'get');
    const handle = createLivepushHandle({ ...options, store });
    const browser = new KitBrowser(handle);
    await browser.signIn();
    get.mockClear();
    await browser.request('/', {}, { route: () => 'nobody asked' });
    expect(get).not.toHaveBeenCalled();
    await browser.request(
      '/',
      {},
      {
        route: async (event) => {
          const context = livepush(event);
          const [a, b] = await Promise.all([context.getSession(), context.getSession()]);
          await context.getAccessToken();
          return [a, b, await context.getSession()];
        },
      },
    );
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('exposes the API client acting as the user', async () => {
    const browser = new KitBrowser(createLivepushHandle(options));
    await browser.signIn();
    const { response } = await browser.request(
      '/',
      {},
      {
        route: async (event) => (await livepush(event).api.streams.list()).length,
      },
    );
    expect(await response.json()).toBe(3);
  });

  it('does not overwrite a livepush the app put in locals first', async () => {
    const own = { mine: true } as unknown as LivepushContext;
    const browser = new KitBrowser(createLivepushHandle(options));
    const { response } = await browser.request(
      '/',
      {},
      {
        locals: { livepush: own },
        route: (event) => ({ same: livepush(event) === own }),
      },
    );
    expect(await response.json()).toEqual({ same: true });
  });

  it('throws a helpful error from the helpers when the handle is not installed', async () => {
    const { loadSession } = await import('../src/index');
    await expect(loadSession({ locals: {} as App.Locals })).rejects.toThrow(/createLivepushHandle/);
  });
});

describe('configuration', () => {
  it('takes a function of the event, creating one core per options object (single-flight shared)', async () => {
    // A 120 s token seen 91 s after sign-in: due (its leeway is capped at a quarter of its life, 30 s),
    // while the refreshed one is not.
    const shortMock = await startMock({ accessTokenTtlSeconds: 120 });
    try {
      let offset = 0;
      const fixed = { ...authOptions(shortMock), now: () => Date.now() + offset };
      const config = vi.fn((_event: RequestEvent) => fixed);
      const browser = new KitBrowser(createLivepushHandle(config));
      await browser.signIn();
      offset = 91_000;
      const cookie = browser.cookieHeader();
      // Two concurrent requests with the same due session: one refresh at Livepush, so one core.
      await Promise.all(
        [1, 2].map(() =>
          browser.request(
            '/',
            { headers: { cookie } },
            { route: (event) => livepush(event).getAccessToken() },
          ),
        ),
      );
      expect(shortMock.stats().refreshGrants).toBe(1);
      expect(config).toHaveBeenCalled();
      expect(config.mock.calls[0]![0].url).toBeInstanceOf(URL);
    } finally {
      await shortMock.close();
    }
  });

  it('takes a createLivepushAuth instance (sync or from an async function)', async () => {
    const auth = createLivepushAuth(options);
    for (const handle of [createLivepushHandle(auth), createLivepushHandle(async () => auth)]) {
      const browser = new KitBrowser(handle);
      const { response, resolved } = await browser.request('/auth/session');
      expect(resolved).toBe(false);
      expect(await response.json()).toEqual({ authenticated: false });
    }
  });

  it('reports invalid options when the handle is created (a function’s on its first request), every problem listed', async () => {
    expect(() => createLivepushHandle({ ...options, secret: 'short' })).toThrow(/secret must be/);
    const handle = createLivepushHandle(() => ({ ...options, secret: 'short' }));
    await expect(new KitBrowser(handle).request('/')).rejects.toMatchObject({ code: 'invalid_config' });
  });
});

describe('while building or prerendering', () => {
  it('only resolves: no route answered, config not called, locals signed out', async () => {
    setBuilding(true);
    const config = vi.fn(() => options);
    const browser = new KitBrowser(createLivepushHandle(config));
    const route = async (event: RequestEvent) => ({
      session: await livepush(event).getSession(),
      link: livepush(event).signInUrl({ returnTo: '/streams' }),
    });
    const auth = await browser.request('/auth/session', {}, { route });
    expect(auth.resolved).toBe(true);
    const page = await browser.request('/', {}, { route });
    expect(await page.response.json()).toEqual({ session: null, link: '/auth/login?returnTo=%2Fstreams' });
    expect(config).not.toHaveBeenCalled();
  });

  it('fails loudly when a prerendered page needs a session', async () => {
    setBuilding(true);
    const browser = new KitBrowser(createLivepushHandle(options));
    await expect(
      browser.request('/', {}, { route: (event) => livepush(event).requireSession() }),
    ).rejects.toThrow(/prerender/);
    await expect(
      browser.request('/', {}, { route: (event) => livepush(event).getAccessToken() }),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

describe('sequence()', () => {
  it('runs in order: earlier handles wrap it, later ones see locals.livepush', async () => {
    const order: string[] = [];
    const before: Handle = async ({ event, resolve }) => {
      order.push('before:in');
      const response = await resolve(event);
      order.push('before:out');
      response.headers.set('x-before', '1');
      return response;
    };
    const after: Handle = async ({ event, resolve }) => {
      order.push(`after:in:${typeof livepush(event)?.getSession}`);
      const session = await livepush(event).getSession();
      order.push(`after:session:${session === null ? 'none' : 'some'}`);
      return resolve(event);
    };
    const browser = new KitBrowser(sequence(before, createLivepushHandle(options), after));
    const page = await browser.request(
      '/',
      {},
      {
        route: () => {
          order.push('route');
          return 'ok';
        },
      },
    );
    expect(order).toEqual(['before:in', 'after:in:function', 'after:session:none', 'route', 'before:out']);
    expect(page.response.headers.get('x-before')).toBe('1');

    order.length = 0;
    const answered = await browser.request('/auth/session');
    expect(answered.resolved).toBe(false);
    expect(order).toEqual(['before:in', 'before:out']); // later handles never see the auth routes
    expect(answered.response.headers.get('x-before')).toBe('1');
  });

  it('keeps a livepush set by an earlier handle', async () => {
    const own = { getSession: async () => null } as unknown as LivepushContext;
    const first: Handle = ({ event, resolve }) => {
      (event.locals as unknown as LivepushLocals).livepush = own;
      return resolve(event);
    };
    const browser = new KitBrowser(sequence(first, createLivepushHandle(options)));
    const { response } = await browser.request('/', {}, { route: (event) => livepush(event) === own });
    expect(await response.json()).toBe(true);
  });
});
