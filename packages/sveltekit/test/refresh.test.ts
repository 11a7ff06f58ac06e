import type { MockLivepush } from '@livepush/mock-server';
// A refresh writes the session's token cookie, `livepush_session-<session id>` (never the sign-in cookie).
import { authOptions, startMock, TOKEN_COOKIE, tokenCookie } from '@livepush/test-support';
import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createLivepushHandle, type LivepushContext, type LivepushLocals } from '../src/index';
import { KitBrowser } from './support/kit';

const livepush = (event: RequestEvent): LivepushContext =>
  (event.locals as unknown as LivepushLocals).livepush;

let mock: MockLivepush | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

/**
 * A signed-in browser whose access token is due: tokens live 120 s, the app's clock then moves 91 s on
 * (inside the leeway, capped at a quarter of the token's life: 30 s). A refreshed token is fresh
 * again, so any further refresh would be a bug.
 */
async function dueSession() {
  let now = Date.now();
  mock = await startMock({ accessTokenTtlSeconds: 120 });
  const options = { ...authOptions(mock), now: () => now };
  const browser = new KitBrowser(createLivepushHandle(options));
  await browser.signIn();
  now += 91_000;
  const advance = (ms: number) => {
    now += ms;
  };
  return { browser, mock, options, advance };
}

describe('a refresh during the request is persisted', () => {
  it('when only a load asked for the token: the new session goes out through event.cookies', async () => {
    const { browser, mock } = await dueSession();
    const before = tokenCookie(browser.jar);
    const { response } = await browser.request(
      '/streams',
      {},
      {
        route: async (event) => ({ hasToken: (await livepush(event).getAccessToken()).length > 0 }),
      },
    );
    expect(await response.json()).toEqual({ hasToken: true });
    expect(mock.stats().refreshGrants).toBe(1);
    const written = response.headers.getSetCookie().find((c) => TOKEN_COOKIE.test(c));
    expect(written).toMatch(/; Path=\/; .*HttpOnly/i);
    expect(written).toMatch(/SameSite=Lax/i);
    expect(written).not.toMatch(/Secure/i); // http://127.0.0.1: exactly the core's attributes, not SvelteKit's defaults
    expect(tokenCookie(browser.jar)).not.toBe(before);
    expect(tokenCookie(browser.jar)).toMatch(/^v1\./);

    // The next request carries the refreshed session: with rotation on, the old refresh token is spent,
    // so a lost cookie would mean invalid_grant here. It must be the new one, used without refreshing.
    const session = await (await browser.request('/auth/session')).response.json();
    expect(session.authenticated).toBe(true);
    expect(mock.stats().refreshGrants).toBe(1);
  });

  it('when a load calls the API client (refresh inside the call)', async () => {
    const { browser, mock } = await dueSession();
    const { response } = await browser.request(
      '/streams',
      {},
      {
        route: async (event) => (await livepush(event).api.streams.list()).map((s) => s.id).length,
      },
    );
    expect(await response.json()).toBe(3);
    expect(mock.stats().refreshGrants).toBe(1);
    expect(response.headers.getSetCookie()).toContainEqual(expect.stringMatching(TOKEN_COOKIE));
  });

  it('when the load then redirects (the cookies ride on the redirect)', async () => {
    const { browser, mock } = await dueSession();
    const { redirect } = await import('@sveltejs/kit');
    const { response } = await browser.request(
      '/old',
      {},
      {
        route: async (event) => {
          await livepush(event).getAccessToken();
          redirect(303, '/new');
        },
      },
    );
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie()).toContainEqual(expect.stringMatching(TOKEN_COOKIE));
    expect(mock.stats().refreshGrants).toBe(1);
  });

  it('a refresh after SvelteKit generated the response is appended to that response', async () => {
    const { browser, mock, options } = await dueSession();
    let context: LivepushContext | undefined;
    const handle = createLivepushHandle(options);
    // A later handle that asks for the token after resolve (like work done on a streamed promise).
    const { sequence } = await import('@sveltejs/kit/hooks');
    const late = new KitBrowser(
      sequence(handle, async ({ event, resolve }) => {
        context = livepush(event);
        const response = await resolve(event);
        await context.getAccessToken();
        return response;
      }),
    );
    for (const [name, value] of browser.jar) late.jar.set(name, value);
    const { response } = await late.request('/');
    expect(mock.stats().refreshGrants).toBe(1);
    expect(response.headers.getSetCookie().filter((c) => TOKEN_COOKIE.test(c))).toHaveLength(1);
  });

  it('sequential requests of one browser refresh once, then reuse the new token', async () => {
    const { browser, mock } = await dueSession();
    for (let i = 0; i < 3; i++)
      await browser.request('/', {}, { route: (event) => livepush(event).getAccessToken() });
    expect(mock.stats().refreshGrants).toBe(1);
  });

  it('a session Livepush ended is cleared through event.cookies, and the load sees unauthenticated', async () => {
    const { browser, mock, advance } = await dueSession();
    mock.revokeAllTokens();
    // Expired: a refused refresh can no longer fall back on the access token.
    advance(60_000);
    const { response } = await browser.request(
      '/',
      {},
      {
        route: async (event) => {
          const error = await livepush(event)
            .getAccessToken()
            .catch((e: unknown) => e);
          return { code: (error as { code?: string }).code, session: await livepush(event).getSession() };
        },
      },
    );
    expect(await response.json()).toEqual({ code: 'unauthenticated', session: null });
    // Ended through event.cookies in the session's own token cookie (a late answer must not delete
    // another sign-in's cookie); the next request clears every session cookie.
    expect(response.headers.getSetCookie().some((c) => TOKEN_COOKIE.test(c))).toBe(true);
    expect(await (await browser.request('/auth/session')).response.json()).toEqual({ authenticated: false });
    expect(browser.jar.has('livepush_session')).toBe(false);
    expect(tokenCookie(browser.jar)).toBeUndefined();
  });

  it('a transient refresh failure keeps the session (no cookie cleared)', async () => {
    const { browser, mock } = await dueSession();
    mock.setFaults({ on: 'token', kind: 'status', status: 503 });
    const { response } = await browser.request(
      '/',
      {},
      {
        route: async (event) =>
          (
            (await livepush(event)
              .getAccessToken()
              .catch((e: unknown) => e)) as { code: string }
          ).code,
      },
    );
    expect(await response.json()).not.toBe('unauthenticated');
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(browser.jar.has('livepush_session')).toBe(true);
  });
});

describe('cookies through event.cookies', () => {
  it('writes the refreshed session verbatim (no percent-encoding) with exactly the core attributes', async () => {
    const { browser } = await dueSession();
    let seenInLoad: string | undefined;
    const { response } = await browser.request(
      '/',
      {},
      {
        route: async (event) => {
          await livepush(event).getAccessToken();
          // Written at once: the load already sees it in event.cookies.
          seenInLoad = event.cookies.getAll().find(({ name }) => TOKEN_COOKIE.test(`${name}=`))?.value;
          return null;
        },
      },
    );
    const written = response.headers.getSetCookie().find((line) => TOKEN_COOKIE.test(line));
    const value = written!.slice(written!.indexOf('=') + 1).split(';')[0]!;
    expect(value).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(seenInLoad).toBe(value);
    const attributes = written!
      .split('; ')
      .slice(1)
      .map((part) => part.split('=')[0]!.toLowerCase())
      .sort();
    expect(attributes).toEqual(['httponly', 'max-age', 'path', 'samesite']);
    expect(written).toMatch(/Max-Age=2\d{6}/);
  });

  it('a cookie produced after the response exists goes out through the handle instead', async () => {
    const { browser, mock: started } = await dueSession();
    const before = tokenCookie(browser.jar);
    const { response } = await browser.request(
      '/',
      {},
      {
        route: (event) => {
          // SvelteKit has generated the response: event.cookies.set now throws (see support/kit.ts).
          event.cookies.set = () => {
            throw new Error('Cannot use `cookies.set(...)` after the response has been generated');
          };
          return livepush(event)
            .getAccessToken()
            .then(() => null);
        },
      },
    );
    expect(started.stats().refreshGrants).toBe(1);
    expect(
      response.headers.getSetCookie().some((line) => TOKEN_COOKIE.test(line) && line.includes('=v1.')),
    ).toBe(true);
    expect(tokenCookie(browser.jar)).not.toBe(before);
    expect(await (await browser.request('/auth/session')).response.json()).toMatchObject({
      authenticated: true,
    });
    expect(started.stats().refreshGrants).toBe(1);
  });
});
