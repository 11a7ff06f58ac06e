import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLivepushAuth, createMemoryStore, createSealer } from '../../src/server/index';
import { APP_ORIGIN, Browser, SECRET, setupTest } from './harness';

const sessionCookieNames = (browser: Browser) =>
  [...browser.jar.keys()].filter((n) => /^livepush_session(\.\d+)?$/.test(n));

describe('sealed session cookies', () => {
  it('are HttpOnly, SameSite=Lax, Path=/, bounded by the session lifetime; no Secure on http', async () => {
    const { auth } = await setupTest({ auth: { session: { maxAgeSeconds: 3600 } } });
    const browser = new Browser(auth);
    const login = await browser.app('/auth/login');
    const tx = login.headers.getSetCookie()[0]!;
    expect(tx).toMatch(/^livepush_session_tx\.[A-Za-z0-9_-]{16}=v1\./);
    expect(tx).toContain('Max-Age=600; HttpOnly; SameSite=Lax');
    const approved = await fetch(new URL(login.headers.get('location')!), { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    const done = await browser.app(callback.pathname + callback.search);
    const session = done.headers.getSetCookie().find((c) => c.startsWith('livepush_session='))!;
    expect(session).toMatch(/Path=\/; Max-Age=(3600|3599); HttpOnly; SameSite=Lax$/);
    expect(session).not.toContain('Secure');
  });

  it('use the __Host- prefix and Secure when the app is on https', async () => {
    const { mock } = await setupTest();
    const auth = createLivepushAuth({
      clientId: 'livepush-demo-client',
      clientSecret: 'livepush-demo-secret-not-for-production',
      redirectUri: 'https://app.example/auth/callback',
      secret: SECRET,
      endpoints: mock.endpoints,
    });
    const login = await auth.handler(new Request('https://app.example/auth/login'));
    expect(login.headers.getSetCookie()[0]).toMatch(
      /^__Host-livepush_session_tx\.[^=]+=v1\..*; Path=\/; .*; Secure$/,
    );
  });

  it('anything wrong with the cookie reads as no session (and is cleared), never a 500', async () => {
    const { browser } = await setupTest();
    await browser.signIn();
    const good = browser.jar.get('livepush_session')!;
    const [version, kid, body] = good.split('.');
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const variants = [
      '',
      'garbage',
      '%%%',
      `${version}.${kid}`,
      `${version}.${kid}.${body!.slice(0, -10)}`,
      `${version}.${kid}.${flip(body!, 20)}`,
      `${version}.${kid}.${flip(body!, body!.length - 3)}`,
      `${version}.zzzzzzzz.${body}`,
      `v2.${kid}.${body}`,
      `${good}.extra`,
      `${version}.${kid}.${body}=`,
      `${version}.${kid}.${'A'.repeat(70_000)}`,
      good.replace(/[A-Za-z]/, '!'),
    ];
    for (const value of variants) {
      const probe = new Browser(browser.auth);
      probe.jar.set('livepush_session', value);
      const response = await probe.app('/auth/session');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ authenticated: false });
      if (value !== '')
        expect(response.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^livepush_session=;/));
      expect((await probe.app('/auth/api/streams/streams/mine')).status).toBe(401);
    }
  });

  it('random bytes and bit flips never open a session (property)', async () => {
    const { browser, auth } = await setupTest();
    await browser.signIn();
    const good = browser.jar.get('livepush_session')!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc
            .nat({ max: good.length - 1 })
            .map((i) => good.slice(0, i) + (good[i] === 'x' ? 'y' : 'x') + good.slice(i + 1)),
          fc.nat({ max: good.length - 1 }).map((i) => good.slice(0, i)),
        ),
        async (value) => {
          fc.pre(value !== good);
          const session = await auth.getSession(
            new Request(`${APP_ORIGIN}/`, { headers: { cookie: `livepush_session=${value}` } }),
          );
          expect(session).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a session sealed under another secret is no session; rotation opens old and seals with new', async () => {
    const { browser, mock } = await setupTest();
    await browser.signIn();
    const sealedWithOld = browser.jar.get('livepush_session')!;
    const base = {
      clientId: 'livepush-demo-client',
      clientSecret: 'livepush-demo-secret-not-for-production',
      redirectUri: `${APP_ORIGIN}/auth/callback`,
      endpoints: mock.endpoints,
    };
    const foreign = createLivepushAuth({ ...base, secret: 'another-secret-that-is-long-enough-1234' });
    const rotated = createLivepushAuth({
      ...base,
      secret: ['a-brand-new-secret-that-is-long-enough-99', SECRET],
    });
    const request = () =>
      new Request(`${APP_ORIGIN}/`, { headers: { cookie: `livepush_session=${sealedWithOld}` } });
    expect(await foreign.getSession(request())).toBeNull();
    expect(await rotated.getSession(request())).toMatchObject({ authenticated: true });

    const reSealed = new Browser(rotated);
    await reSealed.signIn();
    const newValue = reSealed.jar.get('livepush_session')!;
    expect(newValue.split('.')[1]).not.toBe(sealedWithOld.split('.')[1]);
    // The old app (old secret only) cannot open what the new key sealed.
    expect(
      await browser.auth.getSession(
        new Request(`${APP_ORIGIN}/`, { headers: { cookie: `livepush_session=${newValue}` } }),
      ),
    ).toBeNull();
  });

  it('an expired session (absolute lifetime) is no session', async () => {
    let now = Date.now();
    const { browser } = await setupTest({
      auth: { session: { maxAgeSeconds: 60 }, now: () => now },
      mock: {},
    });
    await browser.signIn();
    expect(await browser.session()).toMatchObject({ authenticated: true });
    now += 61_000;
    expect(await browser.session()).toEqual({ authenticated: false });
  });
});

describe('records sealed by earlier versions', () => {
  /** A cookie holding `record` as the handler seals it. */
  const sealed = (record: unknown, expiresAt: number) =>
    createSealer([SECRET]).seal('session', { r: record }, expiresAt);

  it('a record without sid and issuedAt still opens, and its refresh rewrites it as before', async () => {
    let now = Date.now();
    const { auth, mock } = await setupTest({ auth: { now: () => now }, mock: { now: () => now } });
    const issued = mock.issueTokens({ scopes: ['profile.read', 'streams.read'] });
    const legacy = {
      v: 1,
      tokens: {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token,
        tokenType: 'access_token',
        expiresAt: now + issued.expires_in * 1000,
        scopes: ['profile.read', 'streams.read'],
      },
      user: null,
      createdAt: now,
      updatedAt: now,
    };
    const browser = new Browser(auth);
    browser.jar.set('livepush_session', await sealed(legacy, now + 30 * 24 * 3600_000));
    expect(await browser.session()).toMatchObject({
      authenticated: true,
      expiresAt: legacy.tokens.expiresAt,
    });
    now = legacy.tokens.expiresAt - 30_000; // due (the full 60 s leeway: no issuedAt)
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('livepush_session=v1.'))).toBe(true);
    expect(mock.stats().refreshGrants).toBe(1);
    expect(((await browser.session()).expiresAt as number) > legacy.tokens.expiresAt).toBe(true);
  });

  it('a record whose sid or issuedAt has the wrong shape is no session', async () => {
    const { auth } = await setupTest();
    const now = Date.now();
    const tokens = { accessToken: 'a', tokenType: 'access_token', expiresAt: now + 3_600_000, scopes: [] };
    const base = { v: 1, tokens, user: null, createdAt: now, updatedAt: now };
    for (const record of [
      { ...base, sid: 'short' },
      { ...base, sid: 42 },
      { ...base, tokens: { ...tokens, issuedAt: 'yesterday' } },
    ]) {
      const probe = new Browser(auth);
      probe.jar.set('livepush_session', await sealed(record, now + 3_600_000));
      expect(await probe.session()).toEqual({ authenticated: false });
    }
    // The same record with well-formed fields opens (so the cases above fail for their field alone).
    const probe = new Browser(auth);
    const good = { ...base, sid: 'abcdefghijklmnop', tokens: { ...tokens, issuedAt: now } };
    probe.jar.set('livepush_session', await sealed(good, now + 3_600_000));
    expect(await probe.session()).toMatchObject({ authenticated: true });
  });
});

describe('chunking', () => {
  it('splits a large session into name.0, name.1… and reads it back; stale chunks are cleared', async () => {
    const { browser, mock } = await setupTest();
    await browser.signIn();
    expect(sessionCookieNames(browser)).toEqual(['livepush_session']);

    // A large profile (3 kB of preferences) makes the sealed session span several cookies. (A 9 kB
    // one no longer fits in cookies at all: see cookie-budget.test.ts.)
    const padded = createLivepushAuth({
      clientId: 'livepush-demo-client',
      clientSecret: 'livepush-demo-secret-not-for-production',
      redirectUri: `${APP_ORIGIN}/auth/callback`,
      secret: SECRET,
      endpoints: mock.endpoints,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const url = new URL(input instanceof Request ? input.url : input.toString());
        if (!url.pathname.endsWith('/account/this')) return response;
        const user = (await response.json()) as Record<string, unknown>;
        return Response.json({ ...user, preferences: { bio: 'x'.repeat(3000) } });
      },
    });
    const large = new Browser(padded);
    large.jar.set('livepush_session', browser.jar.get('livepush_session')!);
    await large.signIn();
    const names = sessionCookieNames(large);
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(names).not.toContain('livepush_session'); // the old single cookie was cleared
    for (const name of names) expect(large.jar.get(name)!.length).toBeLessThanOrEqual(3800);
    const session = await large.session();
    expect((session.user as { preferences: { bio: string } }).preferences.bio).toHaveLength(3000);

    // A missing chunk means no session.
    const broken = new Browser(padded);
    for (const name of names) if (name !== 'livepush_session.1') broken.jar.set(name, large.jar.get(name)!);
    expect(await broken.session()).toEqual({ authenticated: false });
    // Swapped chunks mean no session.
    const swapped = new Browser(padded);
    swapped.jar.set('livepush_session.0', large.jar.get('livepush_session.1')!);
    swapped.jar.set('livepush_session.1', large.jar.get('livepush_session.0')!);
    for (const name of names.slice(2)) swapped.jar.set(name, large.jar.get(name)!);
    expect(await swapped.session()).toEqual({ authenticated: false });
  });
});

describe('server-side store', () => {
  it('keeps the record in the store; the cookie carries only a sealed id; logout deletes the record', async () => {
    const store = createMemoryStore();
    const { browser } = await setupTest({ auth: { store } });
    await browser.signIn();
    const cookie = browser.jar.get('livepush_session')!;
    expect(cookie.length).toBeLessThan(200);
    const session = await browser.session();
    expect(session).toMatchObject({ authenticated: true });
    const copy = new Browser(browser.auth);
    copy.jar.set('livepush_session', cookie);
    await browser.app('/auth/logout', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, accept: 'application/json' },
    });
    expect(await copy.session()).toEqual({ authenticated: false });
  });

  it("the memory store caps one account's sessions: its least recently used browser is signed out, no one else", async () => {
    const store = createMemoryStore({ maxSessionsPerUser: 2 });
    const { auth } = await setupTest({ auth: { store } });
    const browsers = [new Browser(auth), new Browser(auth), new Browser(auth)];
    await browsers[0]!.signIn();
    await browsers[1]!.signIn();
    expect(await browsers[0]!.session()).toMatchObject({ authenticated: true }); // used: 1 is now the oldest
    await browsers[2]!.signIn();
    expect(await browsers[1]!.session()).toEqual({ authenticated: false });
    expect(await browsers[0]!.session()).toMatchObject({ authenticated: true });
    expect(await browsers[2]!.session()).toMatchObject({ authenticated: true });
  });

  it('an unreachable store answers 503 store_unavailable and destroys nothing', async () => {
    const inner = createMemoryStore();
    let down = false;
    const guard =
      <T extends unknown[], R>(fn: (...args: T) => Promise<R>) =>
      (...args: T) =>
        down ? Promise.reject(new Error('ECONNREFUSED')) : fn(...args);
    const store = {
      get: guard(inner.get),
      set: guard(inner.set),
      delete: guard(inner.delete),
      update: guard(inner.update),
    };
    const { browser } = await setupTest({ auth: { store } });
    await browser.signIn();
    down = true;
    const response = await browser.app('/auth/session');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'store_unavailable' });
    expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(503);
    // A logout that cannot delete the record says so instead of pretending (the cookie is kept).
    const copy = browser.cookieHeader();
    const out = await browser.app('/auth/logout', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, accept: 'application/json' },
    });
    expect(out.status).toBe(503);
    expect(browser.cookieHeader()).toBe(copy);
    down = false;
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });
});

describe('several handler instances sharing one store', () => {
  it('4 instances × 10 concurrent requests with one expired session → exactly 1 token request', async () => {
    const store = createMemoryStore();
    const env = await setupTest({ auth: { store }, mock: { accessTokenTtlSeconds: 120 } });
    await env.browser.signIn();
    const cookie = env.browser.cookieHeader();
    const instances = Array.from({ length: 4 }, () =>
      createLivepushAuth({
        clientId: 'livepush-demo-client',
        clientSecret: 'livepush-demo-secret-not-for-production',
        redirectUri: `${APP_ORIGIN}/auth/callback`,
        secret: SECRET,
        endpoints: env.mock.endpoints,
        store,
        // 91 s later: inside the leeway of the 120 s token (capped at a quarter of its life, 30 s),
        // so every instance finds it due.
        now: () => Date.now() + 91_000,
      }),
    );
    const before = env.mock.stats().tokenRequests;
    const responses = await Promise.all(
      instances.flatMap((auth) =>
        Array.from({ length: 10 }, () =>
          auth.handler(new Request(`${APP_ORIGIN}/auth/api/streams/streams/mine`, { headers: { cookie } })),
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(env.mock.stats().tokenRequests - before).toBe(1);
  });
});
