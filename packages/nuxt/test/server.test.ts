// The module's Nitro side on a real h3 app over HTTP, against the mock Livepush over loopback: the core
// routes mounted at /auth/** through h3's Web Request bridge, event.context.livepush, and the server
// utilities as server/api routes use them — cookies written through h3's setCookie; the #18 utilities
// (the app's data in the session, the profile re-read, a user signed out of every browser: a memory store).
import { createMemoryStore } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import {
  authOptions,
  Browser,
  LATER_SCOPES,
  startMock,
  TOKEN_COOKIE,
  tokenCookie,
  tokenLeaks,
} from '@livepush/test-support';
import { defineEventHandler, readBody } from 'h3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  getLivepushSession,
  listLivepushSessions,
  refreshLivepushProfile,
  requireLivepushSession,
  signOutLivepushUser,
  updateLivepushSession,
  useLivepushApi,
} from '../src/runtime/server/utils';
import { type ServedH3, serveH3 } from './support/h3-app';

let mock: MockLivepush | undefined;
let served: ServedH3 | undefined;
afterEach(async () => {
  await served?.close();
  await mock?.close();
  served = mock = undefined;
});

/** The server/api routes of a small app. */
const routes = {
  '/api/me': defineEventHandler(async (event) => ({ session: await getLivepushSession(event) })),
  '/api/streams': defineEventHandler(async (event) => {
    await requireLivepushSession(event, 'streams.read');
    return (await useLivepushApi(event).streams.list()).map((stream) => stream.metadata.name);
  }),
  '/api/create': defineEventHandler(async (event) => {
    const session = await requireLivepushSession(event, 'streams.create');
    // The body is still there: the session context never takes it.
    const body = await readBody<{ name: string }>(event);
    return { name: body.name, scopes: session.scopes };
  }),
};

/** An app on the mock; `now` is its clock (tokens from the mock live `ttl` seconds). */
async function start({ ttl = 3600, now = () => Date.now() } = {}) {
  mock = await startMock({ accessTokenTtlSeconds: ttl });
  const livepush = mock;
  served = await serveH3((origin) => ({ ...authOptions(livepush, origin), ...LATER_SCOPES, now }), routes);
  return { mock, served, browser: new Browser(served.origin, { sendOrigin: true }) };
}

describe('the core routes at /auth/** (h3 Web Request bridge)', () => {
  it('sign in, the session JSON (never a token), sign out', async () => {
    const { mock, browser } = await start();
    expect(await browser.session()).toEqual({ authenticated: false });
    const landed = await browser.signIn('?returnTo=/home');
    expect(landed.pathname).toBe('/home');
    expect(await browser.session()).toMatchObject({
      authenticated: true,
      scopes: ['profile.read', 'streams.read'],
      user: { name: 'Ada Lovelace' },
    });
    expect(mock.stats().codeGrants).toBe(1);
    expect((await browser.logout()).status).toBe(204);
    expect(await browser.session()).toEqual({ authenticated: false });
    expect(tokenLeaks(mock, ...browser.bodies)).toEqual([]);
  });

  it('streams a request body through to the API proxy', async () => {
    const { browser } = await start();
    await browser.signIn('?scope=profile.read+streams.read+streams.create');
    const response = await browser.app('/auth/api/streams/streams', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Through h3', category: 'simulcast' }),
    });
    expect(response.status).toBeLessThan(300);
    expect((await response.json()).metadata.name).toBe('Through h3');
  });
});

describe('server utilities', () => {
  it('getLivepushSession: the summary, or null when signed out', async () => {
    const { mock, browser } = await start();
    expect(await (await browser.app('/api/me')).json()).toEqual({ session: null });
    await browser.signIn();
    const { session } = await (await browser.app('/api/me')).json();
    expect(session).toMatchObject({ authenticated: true, user: { name: 'Ada Lovelace' } });
    expect(session.expiresAt).toBeGreaterThan(Date.now());
    expect(tokenLeaks(mock, JSON.stringify(session))).toEqual([]);
  });

  it('requireLivepushSession: 401 JSON signed out, 403 JSON naming the missing scope, else the session', async () => {
    const { browser } = await start();
    const signedOut = await browser.app('/api/streams');
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get('content-type')).toMatch(/application\/json/);
    expect((await signedOut.json()).data).toEqual({ code: 'unauthenticated' });

    await browser.signIn();
    const listed = await browser.app('/api/streams');
    expect(listed.status).toBe(200);
    expect(await listed.json()).toContain('Friday Night Live');
    const missing = await browser.app('/api/create', { method: 'POST', body: JSON.stringify({ name: 'x' }) });
    expect(missing.status).toBe(403);
    const body = await missing.json();
    expect(body.data).toEqual({ code: 'missing_scopes', missing: ['streams.create'] });
    expect(body.statusMessage).toBe('Forbidden');
  });

  it('a route reads its own body after requireLivepushSession', async () => {
    const { browser } = await start();
    await browser.signIn('?scope=profile.read+streams.read+streams.create');
    const response = await browser.app('/api/create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Kept' }),
    });
    expect(await response.json()).toEqual({
      name: 'Kept',
      scopes: ['profile.read', 'streams.read', 'streams.create'],
    });
  });

  it('useLivepushApi with a due token: one refresh, its cookie written through setCookie, none on the next request', async () => {
    let now = Date.now();
    const { mock, browser } = await start({ ttl: 120, now: () => now });
    await browser.signIn();
    const before = tokenCookie(browser.jar);
    now += 91_000; // inside the leeway of a 120 s token (60 s, capped at a quarter of its life: 30 s)
    const response = await browser.app('/api/streams');
    expect(response.status).toBe(200);
    expect(mock.stats().refreshGrants).toBe(1);
    // A refresh writes the session's token cookie, livepush_session-<session id> (issue 16).
    const written = response.headers.getSetCookie().filter((c) => TOKEN_COOKIE.test(c));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/; Path=\/; .*HttpOnly/i);
    expect(written[0]).toMatch(/SameSite=Lax/i);
    expect(written[0]).not.toMatch(/Secure/i); // exactly the core's attributes on http://127.0.0.1
    expect(tokenCookie(browser.jar)).not.toBe(before);

    // Rotation is on: a lost cookie would replay a spent refresh token here.
    expect(await (await browser.app('/api/streams')).json()).toHaveLength(3);
    expect(await browser.session()).toMatchObject({ authenticated: true });
    expect(mock.stats().refreshGrants).toBe(1);
  });

  it('a cookie that cannot be opened means no session, and is cleared through h3', async () => {
    const { browser } = await start();
    browser.jar.set('livepush_session', 'tampered.value');
    const response = await browser.app('/api/me');
    expect(await response.json()).toEqual({ session: null });
    expect(response.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^livepush_session=;.*Max-Age=0/),
    );
    expect(browser.jar.has('livepush_session')).toBe(false);
  });

  it('without the module’s middleware, a utility says what is missing', async () => {
    mock = await startMock();
    const livepush = mock;
    served = await serveH3(
      (origin) => authOptions(livepush, origin),
      {
        '/api/me': defineEventHandler(async (event) => {
          try {
            await getLivepushSession(event);
            return 'no error';
          } catch (error) {
            return (error as Error).message;
          }
        }),
      },
      { middleware: false },
    );
    const message = await (await fetch(`${served.origin}/api/me`)).text();
    expect(message).toMatch(/modules: \["@livepush\/auth-nuxt"\]/);
  });
});

/** The server/api routes of an app that keeps a role in the session and can sign a user out everywhere. */
const sessionRoutes = {
  '/api/role': defineEventHandler(async (event) => {
    const { role } = await readBody<{ role: string }>(event);
    return updateLivepushSession(event, { data: { role } });
  }),
  '/api/profile': defineEventHandler((event) => refreshLivepushProfile(event)),
  '/api/sessions': defineEventHandler(async (event) => {
    const session = await requireLivepushSession(event);
    return listLivepushSessions(session.userId!);
  }),
  '/api/everywhere': defineEventHandler(async (event) => {
    const session = await requireLivepushSession(event);
    return { ended: await signOutLivepushUser(session.userId!) };
  }),
};

async function startWithStore(store = true) {
  mock = await startMock();
  const livepush = mock;
  served = await serveH3(
    (origin) => ({
      ...authOptions(livepush, origin),
      ...(store ? { store: createMemoryStore() } : {}),
      onSignIn: () => ({ data: { role: 'member' } }),
    }),
    sessionRoutes,
  );
  const browser = () => new Browser(served!.origin, { sendOrigin: true });
  return { mock, served, browser };
}

const post = (browser: Browser, path: string, body: unknown = {}) =>
  browser.app(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the session utilities (#18)', () => {
  it('updateLivepushSession: the new data in the answer, the cookie through h3, the session JSON after', async () => {
    const { browser } = await startWithStore();
    const ada = browser();
    await ada.signIn();
    expect(await ada.session()).toMatchObject({ authenticated: true, data: { role: 'member' } });
    const response = await post(ada, '/api/role', { role: 'admin' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ authenticated: true, data: { role: 'admin' } });
    expect(await ada.session()).toMatchObject({ data: { role: 'admin' } });
    // Signed out: the utility throws unauthenticated (h3 answers an error status).
    const stranger = browser();
    expect((await post(stranger, '/api/role', { role: 'admin' })).status).toBeGreaterThanOrEqual(400);
  });

  it('refreshLivepushProfile re-reads /account/this into the session', async () => {
    const { mock, browser } = await startWithStore();
    const ada = browser();
    await ada.signIn();
    mock.setUser({ name: 'Ada King' });
    const response = await post(ada, '/api/profile');
    expect(await response.json()).toMatchObject({ user: { name: 'Ada King' } });
    expect(await ada.session()).toMatchObject({ user: { name: 'Ada King' } });
  });

  it('listLivepushSessions and signOutLivepushUser: every browser of the user, none of the others', async () => {
    const { browser } = await startWithStore();
    const [laptop, phone] = [browser(), browser()];
    await laptop.signIn();
    await phone.signIn();
    const sessions = (await (await laptop.app('/api/sessions')).json()) as { createdAt: number }[];
    expect(sessions).toHaveLength(2);
    for (const session of sessions) expect(session.createdAt).toBeLessThanOrEqual(Date.now());
    expect(JSON.stringify(sessions)).not.toMatch(/token/i);

    expect(await (await post(phone, '/api/everywhere')).json()).toEqual({ ended: 2 });
    expect(await laptop.session()).toEqual({ authenticated: false });
    expect(await phone.session()).toEqual({ authenticated: false });
  });

  it('without a store, signOutLivepushUser fails with invalid_config and the session stays', async () => {
    const { served, browser } = await startWithStore(false);
    const ada = browser();
    await ada.signIn();
    const userId = ((await ada.session()) as { userId: string }).userId;
    expect(userId).toEqual(expect.any(String));
    await expect(signOutLivepushUser(userId)).rejects.toMatchObject({ code: 'invalid_config' });
    await expect(listLivepushSessions(userId)).rejects.toMatchObject({ code: 'invalid_config' });
    expect(await ada.session()).toMatchObject({ authenticated: true });
    void served;
  });
});
