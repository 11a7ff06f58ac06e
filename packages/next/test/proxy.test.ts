import type { MockLivepush } from '@livepush/mock-server';
import { APP_ORIGIN, startMock, TOKEN_COOKIE, tokenCookie } from '@livepush/test-support';
import { NextRequest, NextResponse } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieMap } from '../src/cookie-jar';
import { signedInApp } from './support';

let mock: MockLivepush;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());

/** The request Next.js continues to the page with, as the proxy's response asks (`request: { headers }`). */
function continuedHeader(response: Response, name: string): string | null {
  const overridden = response.headers.get('x-middleware-override-headers')?.split(',') ?? [];
  return overridden.includes(name) ? response.headers.get(`x-middleware-request-${name}`) : null;
}

/** The `Set-Cookie` line of the refreshed tokens (the session's token cookie). */
const sessionCookie = (lines: string[]) => lines.find((line) => TOKEN_COOKIE.test(line));

describe('proxy', () => {
  it('refreshes a due session before rendering: new cookie on the response and on the continued request, once', async () => {
    const { livepush, browser, clock } = await signedInApp(mock);
    const old = tokenCookie(browser.jar);
    clock.advance(3600);
    const before = mock.stats().refreshGrants;

    const response = await livepush.proxy(
      new NextRequest(`${APP_ORIGIN}/streams?page=2`, {
        headers: { cookie: `${browser.cookieHeader()}; theme=dark%3Bx` },
      }),
    );
    expect(mock.stats().refreshGrants - before).toBe(1);
    expect(response.headers.get('x-middleware-next')).toBe('1');
    const line = sessionCookie(response.headers.getSetCookie());
    expect(line).toMatch(/; HttpOnly/i);
    browser.store(response);
    const fresh = tokenCookie(browser.jar);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(old);
    // The page reads the new session; the app's other cookies reach it byte for byte.
    const continued = cookieMap(continuedHeader(response, 'cookie'));
    expect(tokenCookie(continued)).toBe(fresh);
    expect(continued.get('theme')).toBe('dark%3Bx');
    expect(continuedHeader(response, 'x-livepush-url')).toBe('/streams?page=2');

    // The next request carries the new cookie: nothing to refresh.
    const again = await livepush.proxy(
      new NextRequest(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } }),
    );
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(mock.stats().refreshGrants - before).toBe(1);
  });

  it('protects matched paths: no session → sign in (default scopes + the needed ones), back to the page', async () => {
    const { livepush, browser } = await signedInApp(mock, {
      protect: ['/account', { path: '/streams', scopes: ['streams.create'] }],
    });
    const signedOut = await livepush.proxy(new NextRequest(`${APP_ORIGIN}/streams/new?x=1`));
    expect(signedOut.status).toBe(307);
    const target = new URL(signedOut.headers.get('location')!);
    // (NextRequest spells 127.0.0.1 as localhost; Next.js sends same-origin redirects as paths.)
    expect(target.pathname).toBe('/auth/login');
    expect(target.searchParams.get('returnTo')).toBe('/streams/new?x=1');
    expect(target.searchParams.get('scope')?.split(' ').sort()).toEqual([
      'profile.read',
      'streams.create',
      'streams.read',
    ]);

    // Signed in but missing a scope: asks for just that one (incremental consent).
    const missing = await livepush.proxy(
      new NextRequest(`${APP_ORIGIN}/streams`, { headers: { cookie: browser.cookieHeader() } }),
    );
    expect(new URL(missing.headers.get('location')!).searchParams.get('scope')).toBe('streams.create');
    // Enough scopes, a public path, or back from a refusal (`?error=`): the page renders.
    for (const path of ['/account/me', '/about', '/streamsx']) {
      const response = await livepush.proxy(
        new NextRequest(`${APP_ORIGIN}${path}`, { headers: { cookie: browser.cookieHeader() } }),
      );
      expect(response.headers.get('x-middleware-next'), path).toBe('1');
    }
    const refused = await livepush.proxy(new NextRequest(`${APP_ORIGIN}/streams?error=access_denied`));
    expect(refused.headers.get('x-middleware-next')).toBe('1');
    // The auth routes are the route handler's: passed through untouched.
    const auth = await livepush.proxy(new NextRequest(`${APP_ORIGIN}/auth/session`));
    expect(auth.headers.get('x-middleware-override-headers')).toBeNull();
  });

  it('composes with your own proxy: it sees the fresh session, and its response gets the cookies', async () => {
    const { livepush, browser, clock } = await signedInApp(mock);
    clock.advance(3600);
    const seen: string[] = [];
    const composed = livepush.proxy(async (request, { session, next }) => {
      const sent = cookieMap(request.headers.get('cookie'));
      const cookie = sent.get('livepush_session');
      seen.push(
        `${session ? 'signed in' : 'signed out'}, ${cookie === undefined ? 'no cookie' : tokenCookie(sent) === tokenCookie(browser.jar) ? 'cookie as sent' : 'refreshed cookie'}`,
      );
      if (request.nextUrl.pathname === '/old') return NextResponse.redirect(new URL('/new', request.url));
      if (request.nextUrl.pathname === '/plain') return undefined;
      return next({ request: { headers: new Headers({ 'x-mine': '1' }) } });
    });
    const redirected = await composed(
      new NextRequest(`${APP_ORIGIN}/old`, { headers: { cookie: browser.cookieHeader() } }),
    );
    expect(redirected.status).toBe(307);
    expect(sessionCookie(redirected.headers.getSetCookie())).toBeDefined();
    browser.store(redirected);
    const page = await composed(
      new NextRequest(`${APP_ORIGIN}/page`, { headers: { cookie: browser.cookieHeader() } }),
    );
    expect(continuedHeader(page, 'x-mine')).toBe('1');
    expect(tokenCookie(cookieMap(continuedHeader(page, 'cookie')))).toBe(tokenCookie(browser.jar));
    const plain = await composed(new NextRequest(`${APP_ORIGIN}/plain`));
    expect(plain.headers.get('x-middleware-next')).toBe('1');
    // Your proxy saw the refreshed cookie (not the one the browser sent) and the session.
    expect(seen).toEqual([
      'signed in, refreshed cookie',
      'signed in, cookie as sent',
      'signed out, no cookie',
    ]);
  });
});
