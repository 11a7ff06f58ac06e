import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, Browser, setup } from '../integration/harness';

let env: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  env = await setup({ auth: { allowedScopes: ['profile.read', 'streams.read', 'streams.create'] } });
});
afterAll(() => env.close());

const SAFE_LOCATION = /^\/(?![/\\])/;

/** What a handler answer must look like for hostile input: no 5xx, and any redirect stays on the app. */
function expectClean(response: Response) {
  expect(response.status).toBeLessThan(500);
  const location = response.headers.get('location');
  if (location !== null && response.status >= 300 && response.status < 400) {
    const target = new URL(location, APP_ORIGIN);
    if (target.origin !== APP_ORIGIN)
      expect(target.origin).toBe(new URL(env.mock.endpoints.authorize).origin);
    else expect(location).toMatch(SAFE_LOCATION);
  }
}

const hostile = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    'access_denied',
    '%00',
    '%',
    '%zz',
    '\u0000',
    '\ud800',
    'a'.repeat(5000),
    '../..',
    '<script>',
  ),
);
const names = fc.constantFrom(
  'code',
  'state',
  'error',
  'error_description',
  'iss',
  'returnTo',
  'scope',
  '',
  '%',
  'code[]',
);

describe('callback query strings (property)', () => {
  it('random and adversarial queries never throw and never leave the app', async () => {
    // A real pending sign-in, so some runs reach deeper than the state check.
    const browser = new Browser(env.auth);
    const login = await browser.app('/auth/login');
    const realState = new URL(login.headers.get('location')!).searchParams.get('state')!;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(names, fc.oneof(hostile, fc.constant(realState))), { maxLength: 6 }),
        fc.boolean(),
        async (pairs, raw) => {
          const query = raw
            ? pairs.map(([k, v]) => `${k}=${v}`).join('&')
            : new URLSearchParams(pairs).toString();
          let url: string;
          try {
            url = new URL(`/auth/callback?${query}`, APP_ORIGIN).toString();
          } catch {
            return;
          }
          const response = await env.auth.handler(
            new Request(url, { headers: { cookie: browser.cookieHeader() } }),
          );
          expectClean(response);
          expect(response.status).toBe(302);
        },
      ),
      { numRuns: 2000 },
    );
    // No run managed to sign in (the code never matched a real one).
    expect(env.mock.stats().codeGrants).toBe(0);
  });
});

describe('cookies (property)', () => {
  it('random cookie headers read as no session, never a 500', async () => {
    const cookieName = fc.constantFrom(
      'livepush_session',
      'livepush_session.0',
      'livepush_session.1',
      'livepush_session_tx.abc',
      'x',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cookieName, fc.string({ maxLength: 200 })), { maxLength: 5 }),
        async (cookies) => {
          const header = cookies.map(([n, v]) => `${n}=${v.replace(/[;\r\n]/g, '')}`).join('; ');
          let request: Request;
          try {
            request = new Request(`${APP_ORIGIN}/auth/session`, { headers: { cookie: header } });
          } catch {
            return;
          }
          const response = await env.auth.handler(request);
          expect(response.status).toBe(200);
          expect(await response.json()).toEqual({ authenticated: false });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a replayed transaction cookie cannot sign in twice', async () => {
    const browser = new Browser(env.auth);
    const login = await browser.app('/auth/login');
    const tx = new Map(browser.jar);
    const approved = await fetch(new URL(login.headers.get('location')!), { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    await browser.app(callback.pathname + callback.search);
    const attacker = new Browser(env.auth);
    for (const [name, value] of tx) attacker.jar.set(name, value);
    const replay = await attacker.app(callback.pathname + callback.search);
    expect(replay.headers.get('location')).toBe('/?error=invalid_grant');
    expect(await attacker.session()).toEqual({ authenticated: false });
  });
});

describe('scopes at login', () => {
  it.each([
    'nope',
    'profile.read nope',
    'profile.read&client_id=evil',
    'profile.read%26redirect_uri%3Dhttps%3A%2F%2Fevil.example',
    'PROFILE.READ',
    `${'profile.read '.repeat(2000)}x`,
    '\u0000profile.read',
  ])('%j → 400 invalid_scope, nothing sent to Livepush', async (scope) => {
    const before = env.mock.stats().authorizeRequests;
    const response = await env.auth.handler(
      new Request(`${APP_ORIGIN}/auth/login?scope=${encodeURIComponent(scope)}`),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.json()).toMatchObject({ code: 'invalid_scope' });
    expect(env.mock.stats().authorizeRequests).toBe(before);
  });

  it('duplicates and both separators collapse into one canonical list', async () => {
    const response = await env.auth.handler(
      new Request(`${APP_ORIGIN}/auth/login?scope=streams.read,profile.read&scope=streams.read`),
    );
    expect(new URL(response.headers.get('location')!).searchParams.get('scope')).toBe(
      'profile.read streams.read',
    );
  });
});

describe('oversized input', () => {
  it('a huge cookie header, query or body gets a 4xx (or a clean answer), never a 5xx', async () => {
    const browser = new Browser(env.auth);
    await browser.signIn('?scope=streams.create');
    const big = 'x'.repeat(200_000);
    const session = await env.auth.handler(
      new Request(`${APP_ORIGIN}/auth/session`, {
        headers: { cookie: `livepush_session=${big}; ${browser.cookieHeader()}` },
      }),
    );
    expect(session.status).toBe(200);
    const login = await env.auth.handler(new Request(`${APP_ORIGIN}/auth/login?returnTo=/${big}`));
    expectClean(login);
    expect(login.status).toBe(302);
    const post = await browser.app('/auth/api/streams/streams', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, 'content-type': 'application/json' },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(post.status).toBe(413);
    const chunks = Array.from({ length: 40 }, (_, i) => `livepush_session.${i}=${'y'.repeat(3800)}`).join(
      '; ',
    );
    const many = await env.auth.handler(
      new Request(`${APP_ORIGIN}/auth/session`, { headers: { cookie: chunks } }),
    );
    expect(await many.json()).toEqual({ authenticated: false });
  });
});
