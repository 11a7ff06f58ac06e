// #18 through the handle: the app's `data` in locals and page data, updateSession/refreshProfile writing
// through event.cookies, and sign-out everywhere from a form action (a memory store), with real Requests
// through SvelteKit's own cookie code, against the mock Livepush.
import { createMemoryStore, type LivepushAuthOptions } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import { APP_ORIGIN, authOptions, startMock } from '@livepush/test-support';
import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createLivepushHandle, type LivepushLocals, loadSession, signOutAction } from '../src/index';
import { KitBrowser } from './support/kit';

let mock: MockLivepush | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const livepush = (event: RequestEvent) => (event.locals as unknown as LivepushLocals).livepush;

/** A form POST from this site, as a browser sends one. */
const formPost = { method: 'POST', body: new URLSearchParams(), headers: { origin: APP_ORIGIN } };

async function app(extra: Partial<LivepushAuthOptions> = { store: createMemoryStore() }) {
  mock = await startMock();
  const handle = createLivepushHandle({
    ...authOptions(mock),
    onSignIn: ({ user }) => ({ data: { plan: user?.username === 'ada' ? 'pro' : 'free' } }),
    ...extra,
  });
  const routes = {
    '/': (event: RequestEvent) => loadSession(event),
    '/role': (event: RequestEvent) => livepush(event).updateSession({ data: { plan: 'team' } }),
    '/profile': (event: RequestEvent) => livepush(event).refreshProfile(),
    '/sessions': async (event: RequestEvent) => {
      const session = await livepush(event).getSession();
      return livepush(event).listSessions(session!.userId!);
    },
  };
  return { mock, browser: () => new KitBrowser(handle, routes) };
}

describe('the app’s session data through the handle (#18)', () => {
  it('loadSession gives pages data and userId; updateSession and refreshProfile write through event.cookies', async () => {
    const { mock, browser } = await app();
    const ada = browser();
    await ada.signIn();
    const page = await (await ada.request('/')).response.json();
    expect(page.session).toMatchObject({ authenticated: true, data: { plan: 'pro' } });
    expect(page.session.userId).toEqual(expect.any(String));

    const updated = await ada.request('/role', formPost);
    expect(await updated.response.json()).toMatchObject({ data: { plan: 'team' } });
    expect((await (await ada.request('/')).response.json()).session.data).toEqual({ plan: 'team' });

    mock.setUser({ name: 'Ada King' });
    const refreshed = await ada.request('/profile', formPost);
    expect(await refreshed.response.json()).toMatchObject({ user: { name: 'Ada King' } });
    expect((await (await ada.request('/')).response.json()).session.user.name).toBe('Ada King');
  });

  it('cookie mode: data travels in the sealed cookie and survives the next request', async () => {
    const { browser } = await app({});
    const ada = browser();
    await ada.signIn();
    const updated = await ada.request('/role', formPost);
    expect(updated.response.headers.getSetCookie().some((c) => c.startsWith('livepush_session='))).toBe(true);
    expect((await (await ada.request('/')).response.json()).session.data).toEqual({ plan: 'team' });
  });
});

describe('sign out everywhere (#18)', () => {
  it('signOutAction({ everywhere: true }) ends the user’s sessions in every browser', async () => {
    const { browser } = await app();
    const [laptop, phone] = [browser(), browser()];
    await laptop.signIn();
    await phone.signIn();
    const sessions = await (await laptop.request('/sessions')).response.json();
    expect(sessions).toHaveLength(2);

    const { response } = await phone.request('/?/signOutEverywhere', formPost, {
      route: signOutAction({ everywhere: true }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(await phone.session()).toEqual({ authenticated: false });
    expect(await laptop.session()).toEqual({ authenticated: false });
  });

  it('a cross-site POST or a GET ends nothing', async () => {
    const { browser } = await app();
    const [laptop, phone] = [browser(), browser()];
    await laptop.signIn();
    await phone.signIn();
    const crossSite = await phone.request(
      '/?/signOutEverywhere',
      { method: 'POST', body: new URLSearchParams(), headers: { origin: 'https://evil.test' } },
      { route: signOutAction({ everywhere: true }) },
    );
    expect(crossSite.response.status).toBe(403);
    const get = await phone.request(
      '/bye',
      {},
      { route: (event) => livepush(event).signOut({ everywhere: true }) },
    );
    expect(get.response.status).toBe(405);
    expect(await laptop.session()).toMatchObject({ authenticated: true });
    expect(await phone.session()).toMatchObject({ authenticated: true });
  });

  it('without a store: error(500) that says a store is needed; other browsers keep their session', async () => {
    const { browser } = await app({});
    const [laptop, phone] = [browser(), browser()];
    await laptop.signIn();
    await phone.signIn();
    const { response } = await phone.request('/?/signOutEverywhere', formPost, {
      route: signOutAction({ everywhere: true }),
    });
    expect(response.status).toBe(500);
    expect((await response.json()).message).toMatch(/store/);
    expect(await laptop.session()).toMatchObject({ authenticated: true });
  });
});
