import type { LivepushAuthOptions } from '@livepush/auth-core/server';
import type { MockLivepush } from '@livepush/mock-server';
import { APP_ORIGIN, authOptions, LATER_SCOPES, startMock } from '@livepush/test-support';
import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createLivepushHandle, type LivepushContext, type LivepushLocals, signOutAction } from '../src/index';
import { KitBrowser as Browser } from './support/kit';

const optionsFor = (m: MockLivepush, overrides: Partial<LivepushAuthOptions> = {}): LivepushAuthOptions => ({
  ...authOptions(m),
  ...LATER_SCOPES,
  ...overrides,
});

const livepush = (event: RequestEvent): LivepushContext =>
  (event.locals as unknown as LivepushLocals).livepush;

let mock: MockLivepush | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

/** A browser on an app whose /streams needs streams.create and /account a session. */
async function app() {
  mock = await startMock();
  return new Browser(createLivepushHandle(optionsFor(mock)), {
    '/streams': async (event) => (await livepush(event).requireScopes('streams.create')).scopes,
    '/account': async (event) => (await livepush(event).requireSession()).user?.name,
  });
}

/** What anyone can put in a link: markup, a phishing line, a very long text, a known code with extras. */
const HOSTILE = [
  '<script>alert(document.cookie)</script>',
  'Your account is locked. Call +1 555 0100 to restore it',
  'x'.repeat(5000),
  'access_denied<img src=x>',
  'constructor',
  '__proto__',
];

describe('requireSession / requireScopes never echo the ?error= text', () => {
  it.each(['/account', '/streams'])(
    '%s: a made-up error shows one fixed message, whatever it says',
    async (page) => {
      const browser = await app();
      const messages = new Set<string>();
      for (const text of HOSTILE) {
        const { response } = await browser.request(`${page}?error=${encodeURIComponent(text)}`);
        expect(response.status).toBe(401);
        const { message } = (await response.json()) as { message: string };
        expect(message).not.toContain(text);
        expect(message).not.toMatch(/[<>]/);
        messages.add(message);
      }
      expect([...messages]).toEqual(['Signing in with Livepush failed; try again.']);
    },
  );

  it('known codes each get their own fixed message, signed out (401) and lacking a scope (403)', async () => {
    const browser = await app();
    const codes = [
      'access_denied',
      'invalid_state',
      'invalid_grant',
      'token_request_failed',
      'session_error',
    ];
    const signedOut = new Map<string, string>();
    for (const code of codes) {
      const { response } = await browser.request(`/account?error=${code}`);
      expect(response.status).toBe(401);
      signedOut.set(code, ((await response.json()) as { message: string }).message);
    }
    expect(new Set(signedOut.values()).size).toBe(codes.length);
    expect(signedOut.get('access_denied')).toMatch(/denied/);
    await browser.signIn();
    for (const code of codes) {
      const { response } = await browser.request(`/streams?error=${code}`);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { message: string }).message).toBe(signedOut.get(code));
    }
  });
});

describe('signOut() from a GET load is refused like any cross-site logout', () => {
  it('a GET, same-origin or cross-site, never signs out; the request reaches the core as it came', async () => {
    const browser = await app();
    await browser.signIn();
    const seen: Request[] = [];
    for (const headers of [
      { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' },
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
      { origin: APP_ORIGIN },
      {},
    ]) {
      const { response } = await browser.request(
        '/bye',
        { headers },
        {
          route: async (event) => {
            seen.push(event.request);
            return livepush(event).signOut();
          },
        },
      );
      expect(response.status).toBe(405);
    }
    // No header was forged on the way to core's check.
    expect(seen.map((request) => request.headers.get('origin'))).toEqual([null, null, APP_ORIGIN, null]);
    const crossSitePost = await browser.request(
      '/?/signOut',
      { method: 'POST', body: new URLSearchParams(), headers: { 'sec-fetch-site': 'same-site' } },
      { route: signOutAction() },
    );
    expect(crossSitePost.response.status).toBe(403);
    expect(await (await browser.request('/auth/session')).response.json()).toMatchObject({
      authenticated: true,
    });
  });
});

describe('a page that carries a session cookie is private', () => {
  it('a refresh in a load on a page the app marked public: Cache-Control private, public and s-maxage dropped', async () => {
    let now = Date.now();
    mock = await startMock();
    const browser = new Browser(createLivepushHandle(optionsFor(mock, { now: () => now })));
    await browser.signIn();
    now += 3_601_000;
    const page = async (event: RequestEvent) => {
      await livepush(event).api.streams.list();
      return new Response('<h1>Streams</h1>', {
        headers: { 'content-type': 'text/html', 'cache-control': 'public, max-age=60, s-maxage=3600' },
      });
    };
    const { response } = await browser.request('/streams', {}, { route: page });
    expect(mock.stats().refreshGrants).toBe(1);
    // The refreshed tokens go to the session's token cookie, livepush_session-<session id>.
    expect(response.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^livepush_session-[\w-]{16}=v1\./),
    );
    expect(response.headers.get('cache-control')).toBe('private, max-age=60');
    // The next load needs no refresh: no cookie, so the page keeps its own caching.
    const again = await browser.request('/streams', {}, { route: page });
    expect(again.response.headers.getSetCookie()).toEqual([]);
    expect(again.response.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=3600');
  });
});

describe('route lookup never sees Object.prototype', () => {
  it('/auth/constructor, /auth/__proto__, /auth/toString … answer 404 through the handle, no page resolved', async () => {
    mock = await startMock();
    const errors: unknown[] = [];
    const logged: string[] = [];
    const browser = new Browser(
      createLivepushHandle(
        optionsFor(mock, {
          onError: (error) => void errors.push(error),
          logger: { debug() {}, warn: (m) => void logged.push(m), error: (m) => void logged.push(m) },
        }),
      ),
    );
    for (const name of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
    ]) {
      const { response, resolved } = await browser.request(`/auth/${name}`);
      expect([name, response.status, resolved]).toEqual([name, 404, false]);
    }
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
  });
});
