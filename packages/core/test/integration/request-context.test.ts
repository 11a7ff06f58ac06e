// The per-request context adapters build on: structured cookies handed to a framework as they are
// produced (onCookie), signOut() under the logout route's own policy, and signInUrl().
import { describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import { type LivepushCookie, serializeCookie } from '../../src/server/index';
import { APP_ORIGIN, type Browser, setupTest } from './harness';

/** A request from `browser` (its cookies) to `path` on the app. */
const from = (browser: Browser, path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('cookie', browser.cookieHeader());
  return new Request(new URL(path, APP_ORIGIN), { ...init, headers });
};

/** Signed in, with an access token that is due (refreshing it is the next request's job). */
async function dueSession(options: Parameters<typeof setupTest>[0] = {}) {
  let now = Date.now();
  const env = await setupTest({
    ...options,
    mock: { accessTokenTtlSeconds: 120, ...options.mock },
    auth: { now: () => now, ...options.auth },
  });
  await env.browser.signIn();
  now += 90_000;
  return env;
}

describe('structured cookies', () => {
  it('hands each cookie to onCookie the moment it is produced, with its attributes', async () => {
    const { browser, auth, mock } = await dueSession();
    const order: string[] = [];
    const seen: LivepushCookie[] = [];
    const context = auth.requestContext(from(browser, '/page'), {
      onCookie(cookie) {
        seen.push(cookie);
        order.push(`cookie ${cookie.name}`);
      },
    });
    await context.getAccessToken();
    order.push('token');
    expect(mock.stats().refreshGrants).toBe(1);
    // The refreshed tokens go to the session's own token cookie, `livepush_session-<session id>`.
    expect(order).toEqual([expect.stringMatching(/^cookie livepush_session-[\w-]{16}$/), 'token']);
    expect(seen[0]).toEqual({
      name: expect.stringMatching(/^livepush_session-[\w-]{16}$/),
      value: expect.stringMatching(/^v1\./),
      options: { path: '/', maxAge: expect.any(Number), httpOnly: true, secure: false, sameSite: 'lax' },
    });
    expect(seen[0]!.options.maxAge).toBeGreaterThan(29 * 24 * 3600);
    expect(context.cookies).toEqual(seen);
    expect(context.setCookies).toEqual(seen.map(serializeCookie));
    expect(context.setCookies[0]).toMatch(
      /^livepush_session-[\w-]{16}=v1\.[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );
  });

  it('keeps one cookie per name (the latest), while onCookie hears every one in order', async () => {
    const { browser, auth } = await dueSession();
    await browser.app('/auth/login'); // a sign-in left pending
    const pending = [...browser.jar.keys()].find((name) => name.startsWith('livepush_session_tx.'));
    expect(pending).toBeDefined();
    const seen: string[] = [];
    const context = auth.requestContext(
      from(browser, '/sign-out', { method: 'POST', headers: { origin: APP_ORIGIN } }),
      { onCookie: (cookie) => void seen.push(`${cookie.name}=${cookie.value ? 'set' : 'deleted'}`) },
    );
    await context.getAccessToken(); // refreshes: the session's token cookie is written…
    await context.signOut(); // …then every session cookie is deleted, with the pending sign-in
    const tokens = seen[0]!.split('=')[0]!;
    expect(tokens).toMatch(/^livepush_session-[\w-]{16}$/);
    expect(seen).toEqual([
      `${tokens}=set`,
      'livepush_session=deleted',
      `${tokens}=deleted`,
      `${pending}=deleted`,
    ]);
    expect(context.cookies.map((cookie) => [cookie.name, cookie.options.maxAge])).toEqual([
      ['livepush_session', 0],
      [tokens, 0],
      [pending, 0],
    ]);
    browser.store(context.applyCookies(new Response(null, { status: 204 })));
    expect(browser.jar.size).toBe(0);
    expect(await browser.session()).toEqual({ authenticated: false });
  });

  it('a throwing onCookie is logged and ignored: the cookie is still recorded', async () => {
    const logged: string[] = [];
    const { browser, auth } = await dueSession({
      auth: { logger: { debug() {}, warn() {}, error: (message) => void logged.push(message) } },
    });
    const context = auth.requestContext(from(browser, '/'), {
      onCookie() {
        throw new Error('the response was already sent');
      },
    });
    await expect(context.getSession({ refresh: true })).resolves.toMatchObject({ authenticated: true });
    expect(context.cookies.map((cookie) => cookie.name)).toEqual([
      expect.stringMatching(/^livepush_session-[\w-]{16}$/),
    ]);
    expect(logged).toEqual(['onCookie threw; the cookie stays in context.cookies']);
  });
});

describe('requestContext()', () => {
  it('refuses what is not a Web Request, and an onCookie that is not a function', async () => {
    const { auth } = await setupTest();
    for (const request of [undefined, '/page', { url: '/page' }]) {
      expect(() => auth.requestContext(request as unknown as Request)).toThrow(
        expect.objectContaining({ code: 'invalid_request', message: expect.stringMatching(/Web Request/) }),
      );
    }
    expect(() =>
      auth.requestContext(new Request(APP_ORIGIN), { onCookie: 'set' as unknown as () => void }),
    ).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });
});

describe('signOut()', () => {
  it('refuses a GET with invalid_request (405) and changes nothing', async () => {
    const { browser, auth } = await setupTest();
    await browser.signIn();
    const context = auth.requestContext(from(browser, '/account'));
    const error = (await context.signOut().catch((e: unknown) => e)) as LivepushAuthError;
    expect(error).toMatchObject({ code: 'invalid_request', status: 405 });
    expect(error.message).toMatch(/POST/);
    expect(context.cookies).toEqual([]);
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });

  it('refuses a cross-origin POST, or one that names no origin, like POST /auth/logout does', async () => {
    const { browser, auth } = await setupTest();
    await browser.signIn();
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, {}]) {
      const request = from(browser, '/sign-out', { method: 'POST', headers });
      await expect(auth.requestContext(request).signOut()).rejects.toMatchObject({
        code: 'invalid_request',
        status: 403,
      });
      expect((await browser.app('/auth/logout', { method: 'POST', headers })).status).toBe(403);
    }
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });

  it('signs out a same-origin POST (any unsafe method): session gone, onSession hears signOut', async () => {
    const events: string[] = [];
    const { browser, auth } = await setupTest({
      auth: { onSession: (event) => void events.push(event.type) },
    });
    await browser.signIn();
    const context = auth.requestContext(
      from(browser, '/sign-out', { method: 'DELETE', headers: { 'sec-fetch-site': 'same-origin' } }),
    );
    await context.signOut();
    expect(events).toEqual(['signIn', 'signOut']);
    browser.store(context.applyCookies(new Response(null)));
    expect(await browser.session()).toEqual({ authenticated: false });
  });

  it('accepts a POST from one of trustedOrigins, and so does the logout route', async () => {
    const { browser, auth } = await setupTest({ auth: { trustedOrigins: ['https://admin.example.com/'] } });
    await browser.signIn();
    const trusted = { method: 'POST', headers: { origin: 'https://admin.example.com' } };
    await expect(auth.requestContext(from(browser, '/sign-out', trusted)).signOut()).resolves.toBeUndefined();
    await browser.signIn();
    expect(
      (
        await browser.app('/auth/logout', {
          ...trusted,
          headers: { ...trusted.headers, accept: 'application/json' },
        })
      ).status,
    ).toBe(204);
    expect(await browser.session()).toEqual({ authenticated: false });
    const other = auth.requestContext(
      from(browser, '/x', { method: 'POST', headers: { origin: 'https://admin.example.org' } }),
    );
    await expect(other.signOut()).rejects.toMatchObject({ status: 403 });
  });
});

describe('signInUrl()', () => {
  it('comes back to this request (its path and query, without a stale error) by default', async () => {
    const { auth } = await setupTest();
    const context = auth.requestContext(new Request(`${APP_ORIGIN}/streams?tab=1&error=access_denied`));
    expect(context.signInUrl()).toBe('/auth/login?returnTo=%2Fstreams%3Ftab%3D1');
    expect(context.signInUrl({ scopes: ['streams.read', 'profile.read'], returnTo: '/studio?x=1' })).toBe(
      '/auth/login?scope=profile.read+streams.read&returnTo=%2Fstudio%3Fx%3D1',
    );
  });

  it('refuses an unknown scope and a returnTo that leaves the site', async () => {
    const { auth } = await setupTest();
    const context = auth.requestContext(new Request(`${APP_ORIGIN}/`));
    expect(() => context.signInUrl({ scopes: ['streams.everything' as 'streams.read'] })).toThrow(
      expect.objectContaining({ code: 'invalid_scope' }),
    );
    for (const returnTo of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      expect(() => context.signInUrl({ returnTo })).toThrow(
        expect.objectContaining({ code: 'invalid_request' }),
      );
    }
  });

  it('uses the configured basePath, and following it signs in and comes back', async () => {
    const { browser, auth } = await setupTest({
      auth: { basePath: '/api/auth/', redirectUri: `${APP_ORIGIN}/api/auth/callback` },
    });
    const url = auth
      .requestContext(new Request(`${APP_ORIGIN}/studio`))
      .signInUrl({ scopes: ['streams.read'] });
    expect(url).toBe('/api/auth/login?scope=streams.read&returnTo=%2Fstudio');
    const { url: landed } = await browser.navigate(url);
    expect(landed.href).toBe(`${APP_ORIGIN}/studio`);
    expect(await (await browser.app('/api/auth/session')).json()).toMatchObject({
      authenticated: true,
      scopes: ['streams.read'],
    });
  });
});
