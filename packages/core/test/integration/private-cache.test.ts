import { describe, expect, it } from 'vitest';
import { withCookies, withPrivateCache } from '../../src/server/index';
import { APP_ORIGIN, setupTest } from './harness';

/**
 * A page that carries a fresh session cookie must never sit in a shared cache: a CDN would hand the
 * `Set-Cookie` (one user's session) to everyone who asks for the page next.
 */

const PUBLIC = 'public, max-age=60, s-maxage=600, stale-while-revalidate=30';

/** A signed-in browser whose access token is due, so the next page load refreshes it. */
async function dueSession() {
  let now = Date.now();
  const env = await setupTest({ auth: { now: () => now } });
  await env.browser.signIn();
  now += 3_601_000;
  return env;
}

describe('a page response that gets a session cookie is made Cache-Control: private', () => {
  it('applyCookies after a refresh: public and s-maxage dropped, private added, the rest kept', async () => {
    const { browser, auth, mock } = await dueSession();
    const context = auth.requestContext(
      new Request(`${APP_ORIGIN}/streams`, { headers: { cookie: browser.cookieHeader() } }),
    );
    await context.api.streams.list();
    expect(mock.stats().refreshGrants).toBe(1);
    expect(context.setCookies.length).toBeGreaterThan(0);
    const page = context.applyCookies(
      new Response('<h1>Streams</h1>', {
        headers: {
          'content-type': 'text/html',
          'cache-control': PUBLIC,
          'cdn-cache-control': 'max-age=600',
          'surrogate-control': 'max-age=600',
        },
      }),
    );
    expect(page.headers.get('cache-control')).toBe('private, max-age=60, stale-while-revalidate=30');
    expect(page.headers.get('cdn-cache-control')).toBeNull();
    expect(page.headers.get('surrogate-control')).toBeNull();
    expect(page.headers.getSetCookie()).toEqual(context.setCookies);
  });

  it('withCookies: on an immutable response (a copy), with no Cache-Control, and keeping no-store', () => {
    const cookie = ['livepush_session=v1.x; Path=/; Max-Age=60; HttpOnly; SameSite=Lax'];
    const redirect = withCookies(Response.redirect(`${APP_ORIGIN}/home`, 302), cookie);
    expect(redirect.headers.get('cache-control')).toBe('private');
    expect(redirect.headers.getSetCookie()).toEqual(cookie);
    expect(withCookies(new Response('x'), cookie).headers.get('cache-control')).toBe('private');
    const noStore = withCookies(new Response('x', { headers: { 'cache-control': 'no-store' } }), cookie);
    expect(noStore.headers.get('cache-control')).toBe('no-store');
    const shared = withCookies(
      new Response('x', { headers: { 'cache-control': 'S-MAXAGE=5, Public' } }),
      cookie,
    );
    expect(shared.headers.get('cache-control')).toBe('private');
  });

  it('without cookies to add, the page is left as it is (public pages stay cacheable)', async () => {
    const { browser, auth } = await setupTest();
    await browser.signIn();
    const context = auth.requestContext(
      new Request(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } }),
    );
    await context.getSession();
    const page = context.applyCookies(new Response('home', { headers: { 'cache-control': PUBLIC } }));
    expect(page.headers.get('cache-control')).toBe(PUBLIC);
    expect(
      withCookies(new Response('x', { headers: { 'cache-control': PUBLIC } }), []).headers.get(
        'cache-control',
      ),
    ).toBe(PUBLIC);
  });

  it('withPrivateCache, for cookies a framework set itself', () => {
    const page = withPrivateCache(new Response('x', { headers: { 'cache-control': PUBLIC } }));
    expect(page.headers.get('cache-control')).toBe('private, max-age=60, stale-while-revalidate=30');
  });
});
