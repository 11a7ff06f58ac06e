import { TOKEN_COOKIE } from '@livepush/test-support';
import { describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import { createMemoryStore, type LivepushAuth } from '../../src/server/index';
import { setupWithClock } from '../integration/due-session';
import { APP_ORIGIN, setupTest } from '../integration/harness';

/**
 * No cookie bombs: what the SDK's cookies add to a browser's `Cookie` header stays within what stock
 * servers accept (8 KiB a header line), whatever a page or another site's links make the browser do.
 * A cookie session is two cookies once refreshed: the one sealed at sign-in and the token cookie
 * (`livepush_session-<sid>`) its refreshes write; both count.
 */

const HEADER_LIMIT = 8 * 1024;
const COOKIE_LIMIT = 4096;

/**
 * A browser's cookie jar as RFC 6265 keeps it: by name and path, sent only to paths under the
 * cookie's `Path`, longer paths first, then oldest first; `Max-Age=0` deletes.
 */
class PathJar {
  readonly cookies: { name: string; path: string; value: string; created: number }[] = [];
  readonly setCookieLines: string[] = [];
  #clock = 0;

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      this.setCookieLines.push(line);
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const index = this.cookies.findIndex((c) => c.name === name && c.path === path);
      const deleted = attributes.some((a) => /^max-age=0$/i.test(a));
      if (index !== -1) {
        if (deleted) this.cookies.splice(index, 1);
        else this.cookies[index]!.value = value;
      } else if (!deleted) this.cookies.push({ name, path, value, created: this.#clock++ });
    }
  }

  /** The `Cookie` header a browser sends to `path`. */
  header(path: string): string {
    const matches = (cookiePath: string) =>
      path === cookiePath ||
      (path.startsWith(cookiePath) && (cookiePath.endsWith('/') || path[cookiePath.length] === '/'));
    return this.cookies
      .filter((c) => matches(c.path))
      .sort((a, b) => b.path.length - a.path.length || a.created - b.created)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  async request(auth: LivepushAuth, path: string): Promise<Response> {
    const url = new URL(path, APP_ORIGIN);
    const cookie = this.header(url.pathname);
    const response = await auth.handler(
      new Request(url, { headers: cookie ? { cookie, 'sec-fetch-site': 'same-origin' } : {} }),
    );
    this.store(response);
    return response;
  }

  /** Follows a login through the mock (consent approved) back to the app's callback. */
  async completeLogin(auth: LivepushAuth, login: Response): Promise<Response> {
    const approved = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    return this.request(auth, callback.pathname + callback.search);
  }
}

/** Every path a browser of the app requests: pages, the auth routes, the callback. */
const PATHS = [
  '/',
  '/streams/st_1?tab=2',
  '/auth/login',
  '/auth/session',
  '/auth/api/streams/streams/mine',
  '/auth/callback',
];

function expectWithinLimits(jar: PathJar): void {
  for (const path of PATHS) expect(jar.header(path).length, path).toBeLessThanOrEqual(HEADER_LIMIT);
  for (const line of jar.setCookieLines) expect(line.length).toBeLessThanOrEqual(COOKIE_LIMIT);
}

/** `returnTo`s up to what is kept (~1,000 characters), and ones that grow once encoded (`é` is 6× in a URL). */
const RETURN_TOS = [
  `/${'a'.repeat(100)}`,
  `/${'k'.repeat(800)}`,
  `/${'m'.repeat(1000)}`,
  `/${'a'.repeat(2000)}`,
  `/${'é'.repeat(2000)}`,
  `/search?q=${'日本'.repeat(600)}`,
  `/p?${'x=1&'.repeat(500)}`,
  `/${'%41'.repeat(680)}`,
];

describe('no cookie bombs: /auth/login, however often and with whatever returnTo', () => {
  it('60 navigations (signed out) keep every Cookie header within 8 KiB and every cookie within 4,096 B; the newest sign-in completes', async () => {
    const { auth, mock } = await setupTest();
    const jar = new PathJar();
    let last: Response | undefined;
    for (let i = 0; i < 60; i++) {
      const returnTo = RETURN_TOS[i % RETURN_TOS.length]!;
      last = await jar.request(auth, `/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
      expect(last.status).toBe(302);
      expectWithinLimits(jar);
      expect(jar.cookies.filter((c) => c.name.startsWith('livepush_session_tx.')).length).toBeLessThanOrEqual(
        3,
      );
    }
    const done = await jar.completeLogin(auth, last!);
    expect(done.status).toBe(302);
    expect(jar.cookies.some((c) => c.name === 'livepush_session')).toBe(true);
    expectWithinLimits(jar);
    expect(mock.stats().codeGrants).toBe(1);
  });

  it('signed in with a large profile (a 5 KiB session), 29 more navigations, then a refresh, 30 more: still within 8 KiB, the session kept', async () => {
    const { auth, clock } = await setupWithClock({
      mock: { user: { preferences: { bio: 'x'.repeat(3300) } } },
    });
    const jar = new PathJar();
    await jar.completeLogin(auth, await jar.request(auth, '/auth/login'));
    const session = jar.header('/');
    expect(session.length).toBeGreaterThan(4500);
    const navigate = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const response = await jar.request(
          auth,
          `/auth/login?returnTo=${encodeURIComponent(RETURN_TOS[i % RETURN_TOS.length]!)}`,
        );
        expect(response.status).toBe(302);
        expectWithinLimits(jar);
      }
    };
    // 29: the last navigation leaves the most pending sign-ins next to the session.
    await navigate(29);
    expect(jar.header('/')).toBe(session); // pending sign-ins never displace the session
    // The pending sign-ins were sized with room for the token cookie a refresh writes: a refresh
    // now, with them all still pending, keeps every Cookie header within 8 KiB (without that room
    // the callback's header would grow to about 8,420 B).
    clock.now += 3_590_000;
    const refreshed = await jar.request(auth, '/auth/session');
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^livepush_session-/));
    expectWithinLimits(jar);
    const withTokens = jar.header('/');
    expect(withTokens.startsWith(session)).toBe(true);
    await navigate(30);
    expect(jar.header('/')).toBe(withTokens);
  });

  it('two tabs signing in at once both complete (the cap keeps the newest few)', async () => {
    const { auth } = await setupTest();
    const jar = new PathJar();
    const first = await jar.request(auth, '/auth/login?returnTo=/one');
    const second = await jar.request(auth, '/auth/login?returnTo=/two');
    expect((await jar.completeLogin(auth, first)).headers.get('location')).toBe('/one');
    expect((await jar.completeLogin(auth, second)).headers.get('location')).toBe('/two');
  });

  it('a returnTo too long once encoded comes back to / instead; a long ASCII one is kept', async () => {
    const { auth } = await setupTest();
    const jar = new PathJar();
    const long = `/${'é'.repeat(400)}`; // 401 characters, 2,401 once encoded
    const kept = `/${'a'.repeat(900)}`;
    const dropped = await jar.completeLogin(
      auth,
      await jar.request(auth, `/auth/login?returnTo=${encodeURIComponent(long)}`),
    );
    expect(dropped.headers.get('location')).toBe('/');
    const ok = await jar.completeLogin(auth, await jar.request(auth, `/auth/login?returnTo=${kept}`));
    expect(ok.headers.get('location')).toBe(kept);
  });

  it('on http the pending sign-in is scoped to the callback’s directory; on https it keeps __Host- (Path=/)', async () => {
    const { auth, mock } = await setupTest();
    const login = await auth.handler(new Request(`${APP_ORIGIN}/auth/login`));
    expect(login.headers.getSetCookie()[0]).toMatch(
      /^livepush_session_tx\.[^=]+=[^;]+; Path=\/auth; Max-Age=600; HttpOnly; SameSite=Lax$/,
    );
    const jar = new PathJar();
    jar.store(login);
    expect(jar.header('/')).toBe('');
    expect(jar.header('/streams')).toBe('');
    expect(jar.header('/auth/callback')).toMatch(/^livepush_session_tx\./);
    const { createLivepushAuth } = await import('../../src/server/index');
    const secure = createLivepushAuth({
      clientId: 'livepush-demo-client',
      clientSecret: 'livepush-demo-secret-not-for-production',
      redirectUri: 'https://app.example/auth/callback',
      secret: 'test-session-secret-0123456789-abcdefghij',
      endpoints: mock.endpoints,
    });
    const tls = await secure.handler(new Request('https://app.example/auth/login'));
    expect(tls.headers.getSetCookie()[0]).toMatch(
      /^__Host-livepush_session_tx\.[^=]+=[^;]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/,
    );
  });

  it('sign-out ends pending sign-ins at their own path', async () => {
    const { auth } = await setupTest();
    const jar = new PathJar();
    await jar.completeLogin(auth, await jar.request(auth, '/auth/login'));
    await jar.request(auth, '/auth/login?returnTo=/pending');
    expect(jar.cookies.some((c) => c.name.startsWith('livepush_session_tx.'))).toBe(true);
    const cookie = jar.header('/auth/logout');
    jar.store(
      await auth.handler(
        new Request(`${APP_ORIGIN}/auth/logout`, { method: 'POST', headers: { cookie, origin: APP_ORIGIN } }),
      ),
    );
    expect(jar.cookies).toEqual([]);
  });
});

describe('the session’s cookies stay within 6 KiB', () => {
  it('a profile too large for cookies fails the sign-in with a clear session_error; nothing over the limit is written', async () => {
    const errors: LivepushAuthError[] = [];
    const { auth } = await setupTest({
      mock: { user: { preferences: { bio: 'x'.repeat(9000) } } },
      auth: { onError: (error) => void errors.push(error) },
    });
    const jar = new PathJar();
    const done = await jar.completeLogin(auth, await jar.request(auth, '/auth/login?returnTo=/home'));
    expect(done.headers.get('location')).toBe('/home?error=session_error');
    expect(jar.cookies).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual(['session_error']);
    expect(errors[0]!.message).toMatch(/more than the 6144 a cookie session may.*store/);
    expectWithinLimits(jar);
  });

  it('with a store the same profile signs in: the cookie carries only an id', async () => {
    const { auth } = await setupTest({
      mock: { user: { preferences: { bio: 'x'.repeat(9000) } } },
      auth: { store: createMemoryStore() },
    });
    const jar = new PathJar();
    await jar.completeLogin(auth, await jar.request(auth, '/auth/login'));
    expect(jar.header('/').length).toBeLessThan(300);
    const session = (await (await jar.request(auth, '/auth/session')).json()) as {
      user: { preferences: { bio: string } };
    };
    expect(session.user.preferences.bio).toHaveLength(9000);
  });

  it('profiles up to the limit sign in (one chunk, then two) and refresh (a token cookie more); the session’s cookies never cost more than 6 KiB', async () => {
    const outcomes: string[] = [];
    for (const size of [1000, 2500, 3300, 3600, 4200]) {
      const { auth, clock } = await setupWithClock({
        mock: { user: { preferences: { bio: 'x'.repeat(size) } } },
      });
      const jar = new PathJar();
      const done = await jar.completeLogin(auth, await jar.request(auth, '/auth/login'));
      const signedIn = jar.header('/').split('; ').filter(Boolean).length;
      clock.now += 3_590_000; // inside the leeway: /auth/session refreshes
      const session = await jar.request(auth, '/auth/session');
      const header = jar.header('/');
      expect(header.length + 2).toBeLessThanOrEqual(6 * 1024);
      expectWithinLimits(jar);
      const tokenCookies = jar.cookies.filter((c) => TOKEN_COOKIE.test(c.name)).length;
      const { authenticated } = (await session.json()) as { authenticated: boolean };
      outcomes.push(
        `${size}: ${done.headers.get('location')} ${signedIn}, refreshed ${authenticated ? '+' : ''}${tokenCookies}`,
      );
    }
    expect(outcomes).toEqual([
      '1000: / 1, refreshed +1',
      '2500: / 2, refreshed +1',
      '3300: / 2, refreshed +1',
      '3600: /?error=session_error 0, refreshed 0',
      '4200: /?error=session_error 0, refreshed 0',
    ]);
  });
});
