import { tokenLeaks } from '@livepush/test-support';
// @vitest-environment node
// The page is a happy-dom Window, installed by hand (usePage): the server handler and the mock must keep
// Node's own fetch/Request/Response (happy-dom's hide Set-Cookie and apply CORS, as a browser would).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthClient } from '../../src/client/index';
import type { AuthClient, AuthClientOptions } from '../../src/client/types';
import { createMemoryStore } from '../../src/server/index';
import { APP_ORIGIN, Browser, setup } from '../integration/harness';
import { usePage } from './page';

/**
 * The store's fetch, as the browser would send it: relative URLs resolved against the page, the
 * jar's cookies attached (credentials: same-origin), and `Origin` on unsafe methods. Everything is
 * answered by the real `createLivepushAuth` handler, which talks to the real mock Livepush over HTTP.
 */
function browserFetch(browser: Browser): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input), location.href);
    expect(url.origin).toBe(APP_ORIGIN);
    expect(init?.credentials).toBe('same-origin');
    const headers = new Headers(init?.headers);
    const method = init?.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') headers.set('origin', APP_ORIGIN);
    return browser.app(url.pathname + url.search, { ...init, headers });
  };
}

usePage(`${APP_ORIGIN}/dashboard`);

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
  history.replaceState(null, '', '/dashboard');
});

async function start(options: Parameters<typeof setup>[0] = {}) {
  const env = await setup(options);
  const clients: AuthClient[] = [];
  cleanup.push(async () => {
    for (const auth of clients) auth.destroy();
    await env.close();
  });
  const navigations: string[] = [];
  const store = (extra: Omit<AuthClientOptions, 'fetch'> = {}) => {
    const auth = createAuthClient({
      fetch: browserFetch(env.browser),
      navigate: (url) => navigations.push(url),
      ...extra,
    });
    clients.push(auth);
    return auth;
  };
  return { ...env, store, navigations };
}

describe('the store over the real handler and the mock Livepush', () => {
  it('signed out → signIn → authenticated → proxy calls → signOut', async () => {
    const { browser, store, navigations, mock } = await start();
    const auth = store();
    const statuses: string[] = [];
    auth.subscribe(() => statuses.push(auth.getSnapshot().status));
    await vi.waitFor(() => expect(auth.getSnapshot().status).toBe('unauthenticated'));

    auth.signIn({ scopes: ['profile.read', 'streams.read'], returnTo: '/streams' });
    expect(navigations).toHaveLength(1);
    const landed = await browser.navigate(navigations[0]!);
    expect(landed.url.toString()).toBe(`${APP_ORIGIN}/streams`);

    const signedIn = await auth.refresh();
    expect(signedIn.status).toBe('authenticated');
    expect(signedIn.scopes).toEqual(['profile.read', 'streams.read']);
    expect(signedIn.user?.username).toBe('ada');
    expect(signedIn.expiresAt).toBeGreaterThan(Date.now());
    expect(auth.hasScopes(['streams.read'])).toBe(true);
    expect(auth.hasScopes(['streams.create'])).toBe(false);

    const streams = await auth.fetch('/streams/mine');
    expect(streams.status).toBe(200);
    expect(((await streams.json()) as { id: string }[])[0]?.id).toMatch(/^st_/);
    const me = await auth.fetch('/account/this');
    expect(((await me.json()) as { email: string }).email).toBe('ada@example.com');
    const before = mock.stats().apiRequests;
    const refused = await auth.fetch('/streams', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', category: 'simulcast' }),
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'missing_scopes', missing: ['streams.create'] });
    expect(mock.stats().apiRequests).toBe(before);

    await auth.signOut();
    expect(auth.getSnapshot().status).toBe('unauthenticated');
    expect((await browser.session()).authenticated).toBe(false);
    expect(statuses).toEqual(['unauthenticated', 'authenticated', 'unauthenticated']);
    expect(Object.values(mock.issuedTokens()).flat().length).toBeGreaterThanOrEqual(2);
    for (const body of browser.bodies) expect(body).not.toMatch(/access_token|refresh_token/);
    expect(tokenLeaks(mock, ...browser.bodies)).toEqual([]);
  });

  it('a 401 from the proxy (session gone elsewhere) refetches the session', async () => {
    const { browser, store } = await start();
    await browser.signIn();
    const auth = store();
    auth.subscribe(() => {});
    await vi.waitFor(() => expect(auth.getSnapshot().status).toBe('authenticated'));
    browser.jar.clear();
    const response = await auth.fetch('/streams/mine');
    expect(response.status).toBe(401);
    expect(auth.getSnapshot().status).toBe('unauthenticated');
  });

  it('starts settled from the server-rendered session: no loading, no request', async () => {
    const { browser, auth: server, store } = await start();
    await browser.signIn();
    const cookie = browser.cookieHeader();
    const initialSession = await server.getSession(new Request(`${APP_ORIGIN}/`, { headers: { cookie } }));
    expect(initialSession?.authenticated).toBe(true);
    const bodies = browser.bodies.length;
    const auth = store({ initialSession });
    auth.subscribe(() => {});
    expect(auth.getSnapshot()).toBe(auth.getServerSnapshot());
    expect(auth.getSnapshot().status).toBe('authenticated');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(browser.bodies.length).toBe(bodies);
  });

  it('a denied sign-in comes back as ?error=access_denied, shown once and removed from the URL', async () => {
    const { browser, store, mock } = await start();
    mock.setConsent('deny');
    const landed = await browser.signIn('?returnTo=/dashboard%3Ftab%3D2');
    expect(landed.searchParams.get('error')).toBe('access_denied');
    history.replaceState(null, '', landed.pathname + landed.search);
    const auth = store();
    auth.subscribe(() => {});
    expect(auth.getSnapshot().error).toEqual({ code: 'access_denied', message: 'Sign-in was cancelled.' });
    expect(location.pathname + location.search).toBe('/dashboard?tab=2');
    await vi.waitFor(() => expect(auth.getSnapshot().status).toBe('unauthenticated'));
    expect(auth.getSnapshot().error?.code).toBe('access_denied');
  });
});

describe('the store and the session record (issue 18)', () => {
  it('shows data; refresh({ profile: true }) re-reads the profile through POST session', async () => {
    let reads = 0;
    const { browser, store } = await start({
      auth: {
        onSignIn: () => ({ data: { plan: 'pro' } }),
        fetchUser: async ({ api }) => ({ ...(await api.account.get()), name: `Ada ${++reads}` }),
      },
    });
    await browser.signIn();
    const auth = store();
    auth.subscribe(() => {});
    const first = await auth.refresh();
    expect(first).toMatchObject({ status: 'authenticated', data: { plan: 'pro' }, user: { name: 'Ada 1' } });
    const next = await auth.refresh({ profile: true });
    expect(next).toMatchObject({ data: { plan: 'pro' }, user: { name: 'Ada 2' } });
    expect(auth.getSnapshot()).toBe(next);
    expect(browser.requests.at(-1)).toBe('POST /auth/session');
    await auth.signOut();
    expect(auth.getSnapshot()).toMatchObject({ status: 'unauthenticated', data: null });
  });

  it('signOut({ everywhere: true }) ends the other browsers of the user (with a store)', async () => {
    const { browser, store, auth: server } = await start({ auth: { store: createMemoryStore() } });
    await browser.signIn();
    const other = new Browser(server);
    await other.signIn();
    const auth = store();
    auth.subscribe(() => {});
    await auth.refresh();
    await auth.signOut({ everywhere: true });
    expect(auth.getSnapshot()).toMatchObject({ status: 'unauthenticated', error: null });
    expect(await other.session()).toEqual({ authenticated: false });
  });

  it('signOut({ everywhere: true }) in cookie mode keeps the session and sets the error', async () => {
    const { browser, store } = await start();
    await browser.signIn();
    const auth = store();
    auth.subscribe(() => {});
    await auth.refresh();
    await auth.signOut({ everywhere: true });
    expect(auth.getSnapshot()).toMatchObject({
      status: 'authenticated',
      error: { code: 'invalid_config' },
    });
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });

  it('a refused sign-in comes back as the sign_in_refused error, with its own text', async () => {
    const { browser, store } = await start({ auth: { onSignIn: () => false } });
    const { url } = await browser.navigate('/auth/login?returnTo=/dashboard');
    history.replaceState(null, '', url.pathname + url.search);
    const auth = store();
    auth.subscribe(() => {});
    expect(auth.getSnapshot().error).toEqual({
      code: 'sign_in_refused',
      message: 'This account cannot sign in to this app.',
    });
    expect(location.search).toBe('');
  });
});
