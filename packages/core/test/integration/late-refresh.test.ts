// Logout (and a new sign-in) win over a refresh in flight: the refresh's answer arrives late, its
// Set-Cookie lands after theirs, and must neither bring the old session back nor replace the new one.
// The token endpoint is held with the mock's delay fault, so the refresh is really in flight.
import { LATER_SCOPES } from '@livepush/test-support';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore, type SessionStore } from '../../src/server/index';
import { dueSession } from './due-session';
import { APP_ORIGIN, type Browser } from './harness';

/** How long the token endpoint holds a refresh that must answer late: far longer than a logout or a sign-in takes. */
const LATE_MS = 1000;

const logout = (browser: Browser) =>
  browser.app('/auth/logout', {
    method: 'POST',
    headers: { origin: APP_ORIGIN, accept: 'application/json' },
  });

/** Starts an API call whose refresh is held at the token endpoint; resolves once the refresh is in flight. */
async function refreshInFlight(env: Awaited<ReturnType<typeof dueSession>>, holdMs = LATE_MS) {
  const before = env.mock.stats().tokenRequests;
  env.mock.setFaults({ on: 'token', kind: 'delay', ms: holdMs });
  let settled = false;
  const call = env.browser.app('/auth/api/streams/streams/mine').finally(() => {
    settled = true;
  });
  await vi.waitFor(() => expect(env.mock.stats().tokenRequests).toBe(before + 1));
  return {
    call,
    /** Fails the test if the refresh was answered too early to prove anything. */
    stillInFlight: () => expect(settled, 'the refresh must still be in flight').toBe(false),
  };
}

const session = (browser: Browser) => browser.session();

describe.each<[string, () => SessionStore | undefined]>([
  ['cookie sessions', () => undefined],
  ['a session store', () => createMemoryStore()],
])('%s: logout and sign-in win over a refresh in flight', (_name, store) => {
  // The second sign-in asks for streams.create (incremental consent): the app allows it.
  const start = () => {
    const made = store();
    return dueSession({ auth: { ...LATER_SCOPES, ...(made ? { store: made } : {}) } });
  };

  it('logout, then the refresh answers: a reload shows the user signed out', async () => {
    const env = await start();
    const refresh = await refreshInFlight(env);
    expect((await logout(env.browser)).status).toBe(204);
    refresh.stillInFlight();
    expect(await session(env.browser)).toEqual({ authenticated: false });
    await refresh.call; // its Set-Cookie, if any, lands now: after the logout's
    expect(await session(env.browser)).toEqual({ authenticated: false });
    expect(await session(env.browser)).toEqual({ authenticated: false });
    expect([...env.browser.jar.keys()].filter((name) => name.startsWith('livepush_session'))).toEqual([]);
  });

  it('the refresh answers, then logout: signed out', async () => {
    const env = await start();
    const refresh = await refreshInFlight(env, 50);
    expect((await refresh.call).status).toBe(200);
    expect(await session(env.browser)).toMatchObject({ authenticated: true });
    expect((await logout(env.browser)).status).toBe(204);
    expect(await session(env.browser)).toEqual({ authenticated: false });
  });

  it('a sign-in completes, then the old session’s refresh answers: the new session stays', async () => {
    const env = await start();
    const refresh = await refreshInFlight(env);
    // The new sign-in (another account, or more scopes) is told apart by a scope only it has.
    await env.browser.signIn('?scope=streams.create');
    refresh.stillInFlight();
    const signedIn = await session(env.browser);
    expect(signedIn).toMatchObject({
      authenticated: true,
      scopes: expect.arrayContaining(['streams.create']),
    });
    await refresh.call;
    expect(await session(env.browser)).toEqual(signedIn);
    expect((await env.browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
    expect(await session(env.browser)).toEqual(signedIn);
    // What the late answer wrote (the old session's token cookie) was read by nobody, and is gone.
    expect([...env.browser.jar.keys()].filter((name) => name.startsWith('livepush_session-'))).toEqual([]);
  });

  it('the old session’s refresh answers, then a sign-in completes: the new session', async () => {
    const env = await start();
    const refresh = await refreshInFlight(env, 50);
    expect((await refresh.call).status).toBe(200);
    await env.browser.signIn('?scope=streams.create');
    const signedIn = await session(env.browser);
    expect(signedIn).toMatchObject({
      authenticated: true,
      scopes: expect.arrayContaining(['streams.create']),
    });
    expect((await env.browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
    expect(await session(env.browser)).toEqual(signedIn);
  });
});
