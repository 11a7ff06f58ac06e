import { tokenLeaks } from '@livepush/test-support';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, Browser, setupTest } from './harness';

describe('the whole flow against the mock Livepush', () => {
  it('login → approve → callback → session → proxy → logout, with no token ever in a body', async () => {
    const { browser, mock } = await setupTest();
    expect(await browser.session()).toEqual({ authenticated: false });

    const login = await new Browser(browser.auth).app('/auth/login');
    expect(login.headers.get('referrer-policy')).toBe('no-referrer');
    expect(login.headers.get('cache-control')).toBe('no-store');
    const landed = await browser.signIn('?returnTo=/dashboard%3Ftab%3D1');
    expect(landed.toString()).toBe(`${APP_ORIGIN}/dashboard?tab=1`);
    expect(mock.stats().codeGrants).toBe(1);

    const session = await browser.session();
    expect(session).toMatchObject({ authenticated: true, scopes: ['profile.read', 'streams.read'] });
    expect(session.expiresAt).toBeGreaterThan(Date.now());
    expect((session.user as { name: string }).name).toBeTruthy();

    const streams = await browser.app('/auth/api/streams/streams/mine');
    expect(streams.status).toBe(200);
    const list = (await streams.json()) as { id: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]!.id).toMatch(/^st_/);

    const me = await browser.app('/auth/api/accounts/account/this');
    expect(me.status).toBe(200);

    const out = await browser.app('/auth/logout', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, accept: 'application/json' },
    });
    expect(out.status).toBe(204);
    expect([...browser.jar.keys()].filter((name) => name.startsWith('livepush_session'))).toEqual([]);
    expect(await browser.session()).toEqual({ authenticated: false });
    expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(401);

    // Nothing the app sent to the browser holds a token or the secret.
    const issued = mock.stats();
    expect(issued.codeGrants).toBe(1);
    // Tokens are opaque: look for the exact values the mock issued, not for a shape.
    expect(Object.values(mock.issuedTokens()).flat().length).toBeGreaterThanOrEqual(2);
    for (const body of browser.bodies)
      expect(body).not.toMatch(/access_token|refresh_token|livepush-demo-secret/);
    expect(tokenLeaks(mock, ...browser.bodies)).toEqual([]);
    for (const location of browser.locations) expect(location).not.toContain('client_secret');
  });

  it('form logout redirects (303) to afterLogoutPath and ends pending sign-ins', async () => {
    const { browser } = await setupTest({ auth: { afterLogoutPath: '/bye' } });
    await browser.signIn();
    await browser.app('/auth/login'); // a sign-in left pending
    expect([...browser.jar.keys()]).toContainEqual(expect.stringMatching(/^livepush_session_tx\./));
    const out = await browser.app('/auth/logout', { method: 'POST', headers: { origin: APP_ORIGIN } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/bye');
    expect([...browser.jar.keys()]).not.toContainEqual(expect.stringMatching(/^livepush_session_tx\./));
    expect(await browser.session()).toEqual({ authenticated: false });
  });

  it('refuses cross-site logout and GET logout, and keeps the session', async () => {
    const { browser } = await setupTest();
    await browser.signIn();
    expect(
      (await browser.app('/auth/logout', { method: 'POST', headers: { origin: 'https://evil.example' } }))
        .status,
    ).toBe(403);
    expect(
      (await browser.app('/auth/logout', { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } }))
        .status,
    ).toBe(403);
    expect((await browser.app('/auth/logout')).status).toBe(405);
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });

  it('a denial comes back as ?error=access_denied with no session', async () => {
    const { browser } = await setupTest({ mock: { consent: 'deny' } });
    const landed = await browser.signIn('?returnTo=/here');
    expect(landed.pathname).toBe('/here');
    expect(landed.searchParams.get('error')).toBe('access_denied');
    expect(await browser.session()).toEqual({ authenticated: false });
  });

  it('a forged or mismatched state never signs in and never throws', async () => {
    const { browser } = await setupTest();
    const login = await browser.app('/auth/login');
    const authorize = new URL(login.headers.get('location')!);
    const approved = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const response = await browser.app(callback.pathname + callback.search);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/?error=invalid_state');
    expect(await browser.session()).toEqual({ authenticated: false });
  });

  it('a replayed callback fails cleanly and does not replace the session', async () => {
    const { browser, mock } = await setupTest();
    const login = await browser.app('/auth/login');
    const approved = await fetch(new URL(login.headers.get('location')!), { redirect: 'manual' });
    const callback = new URL(approved.headers.get('location')!);
    const saved = new Map(browser.jar);
    const first = await browser.app(callback.pathname + callback.search);
    expect(first.headers.get('location')).toBe('/');
    const signedIn = new Map(browser.jar);
    // Replay with the cookies from before the callback (the transaction cookie still present).
    for (const [name, value] of saved) if (name.includes('_tx')) browser.jar.set(name, value);
    const replay = await browser.app(callback.pathname + callback.search);
    expect(replay.headers.get('location')).toBe('/?error=invalid_grant');
    expect(mock.stats().codeGrants).toBe(1);
    for (const [name, value] of signedIn)
      if (!name.includes('_tx')) expect(browser.jar.get(name)).toBe(value);
  });

  it('rejects an unknown scope at login with 400 invalid_scope', async () => {
    const { browser } = await setupTest();
    const response = await browser.app('/auth/login?scope=streams.raed');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid_scope' });
  });

  it('answers 404 outside its routes and handle() passes through', async () => {
    const { auth } = await setupTest();
    expect((await auth.handler(new Request(`${APP_ORIGIN}/auth/nope`))).status).toBe(404);
    expect((await auth.handler(new Request(`${APP_ORIGIN}/elsewhere`))).status).toBe(404);
    expect(await auth.handle(new Request(`${APP_ORIGIN}/elsewhere`))).toBeNull();
    expect(await auth.handle(new Request(`${APP_ORIGIN}/auth/session`))).not.toBeNull();
    expect(await auth.handle(new Request(`${APP_ORIGIN}/authx/session`))).toBeNull();
  });
});

describe('incremental consent', () => {
  it('asks for the union of granted and requested scopes and swaps the session only on success', async () => {
    const { browser, mock } = await setupTest({
      auth: { allowedScopes: ['profile.read', 'streams.read', 'streams.create'] },
    });
    await browser.signIn();
    const create = await browser.app('/auth/api/streams/streams', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Launch', category: 'simulcast' }),
    });
    expect(create.status).toBe(403);
    expect(await create.json()).toMatchObject({ code: 'missing_scopes', missing: ['streams.create'] });
    expect(mock.stats().apiRequests).toBe(1); // only the profile fetch at sign-in

    const login = await browser.app('/auth/login?scope=streams.create&returnTo=/studio');
    const scope = new URL(login.headers.get('location')!).searchParams.get('scope');
    expect(scope).toBe('profile.read streams.read streams.create');

    // A denied upgrade keeps the current session.
    mock.setConsent('deny');
    const denied = await browser.navigate(login.headers.get('location')!);
    expect(denied.url.searchParams.get('error')).toBe('access_denied');
    expect(await browser.session()).toMatchObject({
      authenticated: true,
      scopes: ['profile.read', 'streams.read'],
    });

    mock.setConsent('approve');
    await browser.signIn('?scope=streams.create');
    expect(await browser.session()).toMatchObject({
      scopes: ['profile.read', 'streams.read', 'streams.create'],
    });
    const created = await browser.app('/auth/api/streams/streams', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Launch', category: 'simulcast' }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ metadata: { name: 'Launch' } });
  });

  it('refuses a cross-origin unsafe API call', async () => {
    const { browser, mock } = await setupTest({
      mock: { consent: 'approve' },
      auth: { allowedScopes: ['profile.read', 'streams.read', 'streams.create'] },
    });
    await browser.signIn('?scope=streams.create');
    const before = mock.stats().apiRequests;
    const response = await browser.app('/auth/api/streams/streams', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', category: 'simulcast' }),
    });
    expect(response.status).toBe(403);
    expect(mock.stats().apiRequests).toBe(before);
  });
});
