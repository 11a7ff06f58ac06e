import { describe, expect, it, vi } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import { createMemoryStore } from '../../src/server/index';
import { rejection } from '../helpers';
import { APP_ORIGIN, Browser, setupTest } from '../integration/harness';
import { MODES } from './modes';

const USER_ID = '64b7f3a2c9e77a0012d4e5f1';
const sessionCookie = (response: Response) =>
  response.headers.getSetCookie().filter((line) => /^livepush_session(\.\d+)?=[^;]/.test(line));

/** Runs a sign-in step by step, returning the callback's answer. */
async function signInAnswer(browser: Browser) {
  const { url, response } = await browser.navigate('/auth/login?returnTo=/home');
  return { url, response, callback: browser.locations.at(-1)! };
}

describe.each(MODES)('onSignIn and data (%s)', (_mode, mode) => {
  it('false refuses: no session cookie, ?error=sign_in_refused, onError told, the previous state kept', async () => {
    const onError = vi.fn();
    const { browser } = await setupTest({ auth: { ...mode(), onSignIn: () => false, onError } });
    const { url } = await signInAnswer(browser);
    expect(url.pathname).toBe('/home');
    expect(url.searchParams.get('error')).toBe('sign_in_refused');
    expect([...browser.jar.keys()].filter((name) => name.startsWith('livepush_session'))).toEqual([]);
    expect(await browser.session()).toEqual({ authenticated: false });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'sign_in_refused' }), {
      route: 'callback',
    });
  });

  it('a throw refuses too: reported to onError as the cause, its message never reaches the browser', async () => {
    const onError = vi.fn();
    const thrown = new Error('db password hunter2 rejected for ada');
    const { browser } = await setupTest({
      auth: {
        ...mode(),
        onError,
        onSignIn: () => {
          throw thrown;
        },
      },
    });
    const login = await browser.app('/auth/login');
    const approved = await fetch(new URL(login.headers.get('location')!), { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    const answer = await browser.app(callback.pathname + callback.search);
    expect(answer.status).toBe(302);
    expect(new URL(answer.headers.get('location')!, APP_ORIGIN).searchParams.get('error')).toBe(
      'sign_in_refused',
    );
    expect(sessionCookie(answer)).toEqual([]);
    const error = onError.mock.calls[0]![0] as LivepushAuthError;
    expect(error.code).toBe('sign_in_refused');
    expect(error.cause).toBe(thrown);
    const seen = [...browser.bodies, ...browser.locations, ...answer.headers.getSetCookie()].join('\n');
    expect(seen).not.toContain('hunter2');
  });

  it('gets the user, userId, scopes and request; { data } is kept and shown everywhere a session is read', async () => {
    const onSignIn = vi.fn(() => ({ data: { appUserId: 'app-7', role: 'admin', since: [2024, 1] } }));
    const events: unknown[] = [];
    const { browser, auth } = await setupTest({
      auth: { ...mode(), onSignIn, onSession: (event) => void events.push(event) },
    });
    await browser.signIn();
    const context = onSignIn.mock.calls[0]![0 as never] as unknown as Record<string, unknown>;
    expect(context.userId).toBe(USER_ID);
    expect(context.user).toMatchObject({ id: USER_ID, name: 'Ada Lovelace' });
    expect(context.scopes).toEqual(['profile.read', 'streams.read']);
    expect(context.request).toBeInstanceOf(Request);
    const data = { appUserId: 'app-7', role: 'admin', since: [2024, 1] };
    expect(await browser.session()).toMatchObject({ authenticated: true, userId: USER_ID, data });
    const request = new Request(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } });
    expect(await auth.getSession(request)).toMatchObject({ userId: USER_ID, data });
    expect(await auth.requestContext(request).getSession()).toMatchObject({ data });
    expect(events[0]).toMatchObject({ type: 'signIn', userId: USER_ID, session: { data } });
  });

  it('without onSignIn (or returning nothing) data is {}', async () => {
    const { browser } = await setupTest({ auth: { ...mode(), onSignIn: () => undefined } });
    await browser.signIn();
    expect(await browser.session()).toMatchObject({ authenticated: true, userId: USER_ID, data: {} });
  });

  it('data that is not a JSON object refuses the sign-in with a message naming the value', async () => {
    const onError = vi.fn();
    const { browser } = await setupTest({
      auth: { ...mode(), onError, onSignIn: () => ({ data: { at: new Date(0) } as never }) },
    });
    const { url } = await signInAnswer(browser);
    expect(url.searchParams.get('error')).toBe('sign_in_refused');
    expect((onError.mock.calls[0]![0] as Error).message).toMatch(/data\.at is a Date, not a plain object/);
  });

  it('updateSession replaces data; the cookies it returns persist it; a request without a session is refused', async () => {
    const { browser, auth } = await setupTest({
      auth: { ...mode(), onSignIn: () => ({ data: { role: 'member' } }) },
    });
    await browser.signIn();
    const request = () => new Request(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } });
    const { session, setCookies } = await auth.updateSession(request(), {
      data: { role: 'admin', plan: null },
    });
    expect(session).toMatchObject({
      authenticated: true,
      userId: USER_ID,
      data: { role: 'admin', plan: null },
    });
    const response = new Response(null);
    for (const line of setCookies) response.headers.append('set-cookie', line);
    browser.store(response);
    expect(await browser.session()).toMatchObject({ data: { role: 'admin', plan: null } });
    await auth.updateSession(request(), { data: {} }).then(({ setCookies: lines }) => {
      const cleared = new Response(null);
      for (const line of lines) cleared.headers.append('set-cookie', line);
      browser.store(cleared);
    });
    expect(await browser.session()).toMatchObject({ data: {} });
    const anonymous = new Request(`${APP_ORIGIN}/`);
    expect(await rejection(auth.updateSession(anonymous, { data: {} }))).toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('updateSession refuses data that is not JSON, with a message that says what and where', async () => {
    const { browser, auth } = await setupTest({ auth: mode() });
    await browser.signIn();
    const request = new Request(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } });
    const cases: [unknown, RegExp][] = [
      [['a'], /data is an array/],
      [null, /data is null/],
      [{ n: Number.NaN }, /data\.n is not a finite number/],
      [{ f: () => 1 }, /data\.f is a function/],
      [{ deep: { m: new Map() } }, /data\.deep\.m is a Map/],
    ];
    const looped: Record<string, unknown> = {};
    looped.self = looped;
    cases.push([looped, /data\.self refers back to itself/]);
    for (const [data, message] of cases) {
      const error = await rejection(auth.updateSession(request, { data: data as never }));
      expect(error).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(message) });
    }
    expect(await browser.session()).toMatchObject({ data: {} });
  });

  it('ctx.updateSession and ctx.refreshProfile record their cookies (and hand them to onCookie)', async () => {
    let profileReads = 0;
    const { browser, auth } = await setupTest({
      auth: {
        ...mode(),
        fetchUser: async ({ api }) => ({ ...(await api.account.get()), name: `Ada ${++profileReads}` }),
      },
    });
    await browser.signIn();
    const onCookie = vi.fn();
    const context = auth.requestContext(
      new Request(`${APP_ORIGIN}/`, { method: 'POST', headers: { cookie: browser.cookieHeader() } }),
      { onCookie },
    );
    expect(await context.updateSession({ data: { theme: 'dark' } })).toMatchObject({
      data: { theme: 'dark' },
    });
    expect(await context.refreshProfile()).toMatchObject({
      user: { name: 'Ada 2' },
      data: { theme: 'dark' },
    });
    browser.store(context.applyCookies(new Response(null)));
    expect(await browser.session()).toMatchObject({ user: { name: 'Ada 2' }, data: { theme: 'dark' } });
    // Cookie mode seals the record again at each change (one cookie, written twice); a store changes its record.
    const cookieMode = !('store' in mode());
    expect(onCookie).toHaveBeenCalledTimes(cookieMode ? 2 : 0);
    expect(context.cookies.map((cookie) => cookie.name)).toEqual(cookieMode ? ['livepush_session'] : []);
  });

  it('refreshProfile re-reads GET /account/this; the old profile stays when Livepush fails', async () => {
    let profileReads = 0;
    const { browser, auth, mock } = await setupTest({
      auth: {
        ...mode(),
        fetchUser: async ({ api }) => ({ ...(await api.account.get()), name: `Ada ${++profileReads}` }),
      },
    });
    await browser.signIn();
    const request = () => new Request(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } });
    const before = mock.stats().apiRequests;
    const { session, setCookies } = await auth.refreshProfile(request());
    expect(mock.stats().apiRequests).toBe(before + 1);
    expect(session).toMatchObject({ user: { name: 'Ada 2' }, userId: USER_ID });
    const response = new Response(null);
    for (const line of setCookies) response.headers.append('set-cookie', line);
    browser.store(response);
    expect(await browser.session()).toMatchObject({ user: { name: 'Ada 2' } });
    mock.setFaults({ on: 'api', kind: 'status', status: 503, times: 4 });
    expect(await rejection(auth.refreshProfile(request()))).toMatchObject({ code: 'api_error' });
    expect(await browser.session()).toMatchObject({ authenticated: true, user: { name: 'Ada 2' } });
  });

  it('POST {basePath}/session {"profile":true} re-reads the profile (same-origin only; GET stays a read)', async () => {
    let profileReads = 0;
    const { browser } = await setupTest({
      auth: {
        ...mode(),
        fetchUser: async ({ api }) => ({ ...(await api.account.get()), name: `Ada ${++profileReads}` }),
      },
    });
    await browser.signIn();
    const post = (origin: string) =>
      browser.app('/auth/session', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ profile: true }),
      });
    const crossSite = await post('https://evil.example');
    expect(crossSite.status).toBe(403);
    expect(profileReads).toBe(1);
    const answer = await post(APP_ORIGIN);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ authenticated: true, user: { name: 'Ada 2' } });
    expect(await browser.session()).toMatchObject({ user: { name: 'Ada 2' } });
    expect(profileReads).toBe(2);
    const signedOut = new Browser(browser.auth);
    const anonymous = await signedOut.app('/auth/session', {
      method: 'POST',
      headers: { origin: APP_ORIGIN },
      body: '{"profile":true}',
    });
    expect(await anonymous.json()).toEqual({ authenticated: false });
    const garbled = await browser.app('/auth/session', {
      method: 'POST',
      headers: { origin: APP_ORIGIN },
      body: '{"profile":',
    });
    expect(garbled.status).toBe(400);
  });
});

describe('data in cookie mode counts toward the cookie limit', () => {
  const big = { notes: 'x'.repeat(5000) };

  it('an oversize data from onSignIn refuses the sign-in; onError hears the sizes', async () => {
    const onError = vi.fn();
    const { browser } = await setupTest({ auth: { onSignIn: () => ({ data: big }), onError } });
    const { url } = await signInAnswer(browser);
    expect(url.searchParams.get('error')).toBe('sign_in_refused');
    expect([...browser.jar.keys()].filter((name) => name.startsWith('livepush_session'))).toEqual([]);
    const error = onError.mock.calls[0]![0] as LivepushAuthError;
    expect(error.code).toBe('sign_in_refused');
    expect(error.message).toMatch(/data takes 50\d\d bytes .* \d{4,5} bytes of cookies, more than the 6144/);
    expect(error.cause).toMatchObject({ code: 'invalid_request' });
  });

  it('an oversize updateSession throws invalid_request with the sizes; the session is unchanged', async () => {
    const { browser, auth } = await setupTest({ auth: { onSignIn: () => ({ data: { role: 'member' } }) } });
    await browser.signIn();
    const request = new Request(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } });
    const error = await rejection(auth.updateSession(request, { data: big }));
    expect(error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(
        /data takes 50\d\d bytes .*more than the 6144 a cookie session may.*store/,
      ),
    });
    expect(await browser.session()).toMatchObject({ data: { role: 'member' } });
  });

  it('the same data fits a store session', async () => {
    const { browser } = await setupTest({
      auth: { store: createMemoryStore(), onSignIn: () => ({ data: big }) },
    });
    await browser.signIn();
    expect(await browser.session()).toMatchObject({ data: big });
  });
});
