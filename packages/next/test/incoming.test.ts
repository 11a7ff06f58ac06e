// What auth(), getAccessToken(), signOut() see inside Next.js: the request through `headers()` and
// `cookies()`. These tests hand `incoming()` Next.js' own cookie stores: the sealed one a Server
// Component gets (its `set` throws) and the writable one of a Server Action.
import { createLivepushAuth } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import { APP_ORIGIN, authOptions, startMock, TOKEN_COOKIE } from '@livepush/test-support';
import { RequestCookiesAdapter } from 'next/dist/server/web/spec-extension/adapters/request-cookies';
import { RequestCookies } from 'next/dist/server/web/spec-extension/cookies';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandoff } from '../src/handoff';
import { incoming, incomingMethod, incomingUrl } from '../src/incoming';
import { serverAction, signedInApp } from './support';

let mock: MockLivepush;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

/** What `headers()` and the render's read-only `cookies()` give a Server Component. */
function serverComponent(headers: Headers) {
  return { headers, cookies: RequestCookiesAdapter.seal(new RequestCookies(headers)) };
}

describe('incoming(): the request as next/headers shows it', () => {
  it('builds the URL from Host and the proxy header (else a same-origin Referer, else /)', () => {
    const at = (headers: Record<string, string>) => incomingUrl(new Headers(headers)).toString();
    expect(at({ host: 'app.test', 'x-livepush-url': '/streams?x=1' })).toBe('http://app.test/streams?x=1');
    expect(at({ host: 'app.test', 'x-forwarded-proto': 'https', referer: 'https://app.test/a' })).toBe(
      'https://app.test/a',
    );
    expect(at({ host: 'app.test', 'x-livepush-url': '//evil.test/x', referer: 'https://evil.test/' })).toBe(
      'http://app.test/',
    );
    expect(incomingMethod(new Headers({ 'next-action': 'abc' }))).toBe('POST');
    expect(incomingMethod(new Headers({ 'content-type': 'multipart/form-data; boundary=x' }))).toBe('POST');
    expect(incomingMethod(new Headers({ accept: 'text/html' }))).toBe('GET');
  });

  it('a refresh while a Server Component renders is handed to the next request: no second refresh, no replay', async () => {
    const { browser, clock, livepush } = await signedInApp(mock);
    const auth = createLivepushAuth({ ...authOptions(mock), now: clock.now });
    const handoff = createHandoff(() => Date.now());
    clock.advance(3600);
    const before = mock.stats().refreshGrants;
    const old = browser.jar.get('livepush_session')!;
    const render = serverComponent(new Headers({ host: '127.0.0.1:3000', cookie: browser.cookieHeader() }));
    expect(() => render.cookies.set('x', 'y')).toThrow(/Server Action or Route Handler/);

    const { context } = incoming(auth, handoff, render.headers, render.cookies);
    const token = await context.getAccessToken();
    expect(mock.stats().refreshGrants - before).toBe(1);
    // Next.js took no cookie: the handoff owes this browser the new session.
    // (The refreshed tokens go to the session's token cookie, livepush_session-<session id>.)
    const owed = handoff.owed(new Map([['livepush_session', old]]));
    expect(owed.map((cookie) => TOKEN_COOKIE.test(cookie.name))).toEqual([true]);
    expect(owed[0]!.value).not.toBe(old);

    // Another render for the same browser reads the new session from there (same token, no refresh)…
    const next = serverComponent(new Headers({ host: '127.0.0.1:3000', cookie: browser.cookieHeader() }));
    expect(await incoming(auth, handoff, next.headers, next.cookies).context.getAccessToken()).toBe(token);
    // … and a Server Action writes it.
    const action = serverAction(
      new Headers({ host: '127.0.0.1:3000', cookie: browser.cookieHeader(), 'next-action': 'x' }),
    );
    expect(await incoming(auth, handoff, action.headers, action.cookies).context.getAccessToken()).toBe(
      token,
    );
    expect(action.written.get(owed[0]!.name)?.value).toBe(owed[0]!.value);
    expect(mock.stats().refreshGrants - before).toBe(1);
    void livepush;
  });

  it('the proxy sends the session a render could not (the process-wide handoff), instead of refreshing the spent token', async () => {
    const { browser, clock, livepush } = await signedInApp(mock);
    const { processHandoff } = await import('../src/handoff');
    const auth = createLivepushAuth({ ...authOptions(mock), now: clock.now });
    clock.advance(3600);
    const before = mock.stats().refreshGrants;
    const render = serverComponent(new Headers({ host: '127.0.0.1:3000', cookie: browser.cookieHeader() }));
    await (await incoming(auth, processHandoff(), render.headers, render.cookies).context.api).streams.list();
    expect(mock.stats().refreshGrants - before).toBe(1);

    const response = await livepush.proxy(
      new NextRequest(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } }),
    );
    expect(mock.stats().refreshGrants - before).toBe(1);
    const line = response.headers.getSetCookie().find((l) => TOKEN_COOKIE.test(l));
    expect(line).toBeDefined();
    browser.store(response);
    // The browser now holds a session whose refresh token Livepush still honours.
    clock.advance(3600);
    const session = await browser.session();
    expect(session).toMatchObject({ authenticated: true });
    expect(mock.stats().refreshGrants - before).toBe(2);
  });

  it('signOut runs in a Server Action (a POST from this site) and is refused while rendering', async () => {
    const { browser, clock } = await signedInApp(mock);
    const auth = createLivepushAuth({ ...authOptions(mock), now: clock.now });
    const handoff = createHandoff(() => Date.now());
    const render = serverComponent(new Headers({ host: '127.0.0.1:3000', cookie: browser.cookieHeader() }));
    await expect(
      incoming(auth, handoff, render.headers, render.cookies).context.signOut(),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      status: 405,
    });
    /** A Server Action's POST (Next.js' `next-action` header) sent from `origin`. */
    const postFrom = (origin: string) =>
      serverAction(
        new Headers({ host: '127.0.0.1:3000', cookie: browser.cookieHeader(), 'next-action': 'x', origin }),
      );
    const forged = postFrom('https://evil.test');
    await expect(
      incoming(auth, handoff, forged.headers, forged.cookies).context.signOut(),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      status: 403,
    });
    const action = postFrom('http://127.0.0.1:3000');
    await incoming(auth, handoff, action.headers, action.cookies).context.signOut();
    expect(action.written.get('livepush_session')).toMatchObject({ value: '', maxAge: 0 });
    // A sign-out is never handed on (only a new session is).
    expect(handoff.owed(new Map([['livepush_session', browser.jar.get('livepush_session')!]]))).toEqual([]);
  });
});
