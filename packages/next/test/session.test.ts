// #18 in Next.js: the app's `data` in the session, updateSession/refreshProfile in a Server Action (the
// context createLivepushNext uses, over Next.js' own cookie stores) and signOutUser/listSessions of the
// createLivepushNext result, with a memory store, against the mock Livepush.
import { createLivepushAuth, createMemoryStore } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import { authOptions, Browser, startMock } from '@livepush/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandoff } from '../src/handoff';
import { incoming } from '../src/incoming';
import { serverAction, signedInApp } from './support';

let mock: MockLivepush;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

const onSignIn = () => ({ data: { plan: 'pro' } });

/** What a Server Action of `browser` gets (a POST from this site): Next.js' writable cookies, and what it wrote. */
const actionOf = (browser: Browser) =>
  serverAction(
    new Headers({
      host: '127.0.0.1:3000',
      cookie: browser.cookieHeader(),
      'next-action': 'x',
      origin: 'http://127.0.0.1:3000',
    }),
  );

describe('session data (#18)', () => {
  it('the route handlers answer data and userId; updateSession and refreshProfile write the cookie in a Server Action', async () => {
    const { browser } = await signedInApp(mock, { onSignIn });
    const session = await browser.session();
    expect(session).toMatchObject({ authenticated: true, data: { plan: 'pro' }, userId: expect.any(String) });

    // createLivepushNext's updateSession is this context's, for the request next/headers shows.
    const auth = createLivepushAuth({ ...authOptions(mock), onSignIn });
    const action = actionOf(browser);
    const context = incoming(auth, createHandoff(Date.now), action.headers, action.cookies).context;
    expect(await context.updateSession({ data: { plan: 'team' } })).toMatchObject({ data: { plan: 'team' } });
    const written = action.written.get('livepush_session');
    expect(written?.value).toBeTruthy();
    browser.jar.set('livepush_session', written!.value);
    expect(await browser.session()).toMatchObject({ data: { plan: 'team' } });

    mock.setUser({ name: 'Ada King' });
    try {
      const again = actionOf(browser);
      const refreshed = await incoming(
        auth,
        createHandoff(Date.now),
        again.headers,
        again.cookies,
      ).context.refreshProfile();
      expect(refreshed.user?.name).toBe('Ada King');
      browser.jar.set('livepush_session', again.written.get('livepush_session')!.value);
      expect(await browser.session()).toMatchObject({ user: { name: 'Ada King' } });
    } finally {
      mock.setUser({ name: 'Ada Lovelace' });
    }
  });
});

describe('signOutUser and listSessions (#18)', () => {
  it('list and end every session of the user, in every browser, without a request', async () => {
    const store = createMemoryStore();
    const { browser: laptop, livepush } = await signedInApp(mock, { store, onSignIn });
    const handlers = livepush.handlers;
    const phone = new Browser(
      (request: Request) => handlers[request.method as keyof typeof handlers](request),
      { routes: 'auth', basePath: '/auth' },
    );
    await phone.signIn();
    const { userId } = (await laptop.session()) as { userId: string };
    const sessions = await livepush.listSessions(userId);
    expect(sessions).toHaveLength(2);
    expect(Object.keys(sessions[0]!).sort()).toEqual(['createdAt', 'expiresAt', 'lastUsedAt', 'userAgent']);

    expect(await livepush.signOutUser(userId)).toBe(2);
    expect(await laptop.session()).toEqual({ authenticated: false });
    expect(await phone.session()).toEqual({ authenticated: false });
    expect(await livepush.listSessions(userId)).toEqual([]);
  });

  it('in cookie mode they fail with invalid_config, naming the store they need', async () => {
    const { browser, livepush } = await signedInApp(mock);
    const { userId } = (await browser.session()) as { userId: string };
    await expect(livepush.signOutUser(userId)).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringMatching(/store/),
    });
    await expect(livepush.listSessions(userId)).rejects.toMatchObject({ code: 'invalid_config' });
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });
});
