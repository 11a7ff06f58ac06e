import { startMockLivepush } from '@livepush/mock-server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createLivepushAuth, type LivepushAuthOptions } from '../../src/server/index';
import { APP_ORIGIN, Browser, SECRET, setupTest } from '../integration/harness';

/** A callback URL for a login started by `browser` (consent approved at the mock). */
async function approvedCallback(browser: Browser, query = ''): Promise<URL> {
  const login = await browser.app(`/auth/login${query}`);
  const approved = await fetch(new URL(login.headers.get('location')!), { redirect: 'manual' });
  return new URL(approved.headers.get('location')!);
}

describe('attacks', () => {
  it('login CSRF: an attacker’s callback opened in the victim’s browser does not sign the victim in', async () => {
    const { auth } = await setupTest();
    const attacker = new Browser(auth);
    const callback = await approvedCallback(attacker);
    const victim = new Browser(auth);
    const response = await victim.app(callback.pathname + callback.search);
    expect(response.headers.get('location')).toBe('/?error=invalid_state');
    expect(await victim.session()).toEqual({ authenticated: false });
  });

  it('code injection: the attacker’s code with the victim’s state fails PKCE (invalid_grant)', async () => {
    const { auth, mock } = await setupTest();
    const victim = new Browser(auth);
    const victimCallback = await approvedCallback(victim);
    const attackerCallback = await approvedCallback(new Browser(auth));
    const injected = new URL(victimCallback);
    injected.searchParams.set('code', attackerCallback.searchParams.get('code')!);
    const response = await victim.app(injected.pathname + injected.search);
    expect(response.headers.get('location')).toBe('/?error=invalid_grant');
    expect(await victim.session()).toEqual({ authenticated: false });
    expect(mock.stats().codeGrants).toBe(0);
  });

  it('code injection: a code issued to another client is refused', async () => {
    const mock = await startMockLivepush({
      consent: 'approve',
      clients: [
        { clientId: 'ours', clientSecret: 'our-secret-value', redirectUris: [`${APP_ORIGIN}/auth/callback`] },
        {
          clientId: 'theirs',
          clientSecret: 'their-secret-value',
          redirectUris: [`${APP_ORIGIN}/auth/callback`],
        },
      ],
    });
    onTestFinished(() => mock.close());
    const base: Omit<LivepushAuthOptions, 'clientId' | 'clientSecret'> = {
      redirectUri: `${APP_ORIGIN}/auth/callback`,
      secret: SECRET,
      endpoints: mock.endpoints,
      logger: { debug() {}, warn() {}, error() {} },
    };
    const ours = createLivepushAuth({ ...base, clientId: 'ours', clientSecret: 'our-secret-value' });
    const theirs = createLivepushAuth({ ...base, clientId: 'theirs', clientSecret: 'their-secret-value' });
    const victim = new Browser(ours);
    const victimCallback = await approvedCallback(victim);
    const foreign = await approvedCallback(new Browser(theirs));
    victimCallback.searchParams.set('code', foreign.searchParams.get('code')!);
    const response = await victim.app(victimCallback.pathname + victimCallback.search);
    expect(response.headers.get('location')).toBe('/?error=invalid_grant');
    expect(await victim.session()).toEqual({ authenticated: false });
  });

  it('logout CSRF: cross-origin POST, POST without Origin/Sec-Fetch-Site, and GET are refused', async () => {
    const { browser } = await setupTest();
    await browser.signIn();
    for (const headers of [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      {},
      { origin: 'null' },
    ]) {
      expect((await browser.app('/auth/logout', { method: 'POST', headers })).status).toBe(403);
    }
    expect((await browser.app('/auth/logout')).status).toBe(405);
    expect(await browser.session()).toMatchObject({ authenticated: true });
    expect(
      (await browser.app('/auth/logout', { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } }))
        .status,
    ).toBe(303);
  });

  it('cross-origin unsafe proxy requests (or ones without Origin/Sec-Fetch-Site) never reach Livepush', async () => {
    const { browser, mock } = await setupTest({
      auth: { allowedScopes: ['profile.read', 'streams.read', 'streams.create'] },
    });
    await browser.signIn('?scope=streams.create');
    const before = mock.stats().apiRequests;
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, {}]) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const response = await browser.app('/auth/api/streams/streams', {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{"name":"x","category":"simulcast"}',
        });
        expect(response.status).toBe(403);
      }
    }
    expect(mock.stats().apiRequests).toBe(before);
  });

  it('proxy path traversal never leaves the configured API origins', async () => {
    const outbound: URL[] = [];
    const { browser, mock } = await setupTest({
      auth: {
        fetch: (input, init) => {
          outbound.push(new URL(input instanceof Request ? input.url : input.toString()));
          return fetch(input, init);
        },
      },
    });
    await browser.signIn();
    outbound.length = 0;
    const attempts = [
      '/auth/api/streams/../../x',
      '/auth/api/streams/%2e%2e/%2e%2e/oauth2/access_token',
      '/auth/api/streams/%2E%2E%2Fsquid/account/this',
      '/auth/api/streams/..%2f..%2fx',
      '/auth/api/streams/streams%2f..%2f..%2fx',
      '/auth/api/streams//evil.example/x',
      '/auth/api/streams/streams/mine%5c..%5c..',
      '/auth/api/accounts/.%2e/oauth2/authorize',
      '/auth/api/streams/@evil.example/x',
    ];
    for (const path of attempts) {
      const response = await browser.app(path);
      expect(response.status).toBeLessThan(500);
    }
    const allowed = [new URL(mock.endpoints.streamsApi), new URL(mock.endpoints.accountsApi)];
    for (const url of outbound) {
      expect(
        allowed.some((base) => url.origin === base.origin && url.pathname.startsWith(`${base.pathname}/`)),
      ).toBe(true);
      expect(url.pathname).not.toMatch(/\.\.|oauth2/);
    }
  });

  it('session fixation: a cookie planted before sign-in is replaced by a new session', async () => {
    const { auth } = await setupTest();
    const attacker = new Browser(auth);
    await attacker.signIn();
    const planted = attacker.jar.get('livepush_session')!;
    const victim = new Browser(auth);
    victim.jar.set('livepush_session', planted);
    await victim.signIn();
    expect(victim.jar.get('livepush_session')).not.toBe(planted);
    // The attacker's copy still belongs to the attacker's own (separate) grant, not the victim's.
    expect(await victim.session()).toMatchObject({ authenticated: true });
  });
});

describe('session fixation with a server-side store', () => {
  it('sign-in always issues a new store id', async () => {
    const { createMemoryStore } = await import('../../src/server/index');
    const { auth } = await setupTest({ auth: { store: createMemoryStore() } });
    const attacker = new Browser(auth);
    await attacker.signIn();
    const planted = attacker.jar.get('livepush_session')!;
    const victim = new Browser(auth);
    victim.jar.set('livepush_session', planted);
    await victim.signIn();
    expect(victim.jar.get('livepush_session')).not.toBe(planted);
    // The planted id is gone: whoever holds it has no session.
    expect(await attacker.session()).toEqual({ authenticated: false });
  });
});
