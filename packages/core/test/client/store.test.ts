// @vitest-environment happy-dom
// @vitest-environment-options { "url": "http://127.0.0.1:3000/dashboard?tab=1" }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuthClient } from '../../src/client/index';
import type { AuthClient, AuthClientOptions } from '../../src/client/types';
import { createRouter, SIGNED_IN, SIGNED_OUT, settle } from './router';

const clients: AuthClient[] = [];
function client(router: ReturnType<typeof createRouter>, options: Omit<AuthClientOptions, 'fetch'> = {}) {
  const created = createAuthClient({ fetch: router.fetch as typeof fetch, syncTabs: false, ...options });
  clients.push(created);
  return created;
}

beforeEach(() => {
  history.replaceState(null, '', '/dashboard?tab=1');
});
afterEach(() => {
  for (const created of clients.splice(0)) created.destroy();
  vi.useRealTimers();
});

describe('loading and settling', () => {
  it('construction is side-effect free; the first subscribe fetches the session once → authenticated', async () => {
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router);
    expect(router.requests).toHaveLength(0);
    const loading = auth.getSnapshot();
    expect(loading).toEqual({
      status: 'loading',
      user: null,
      scopes: [],
      expiresAt: null,
      data: null,
      error: null,
    });
    const listener = vi.fn();
    auth.subscribe(listener);
    auth.subscribe(() => {});
    await settle();
    expect(router.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/auth/session', credentials: 'same-origin' }),
    ]);
    expect(listener).toHaveBeenCalledTimes(1);
    const snapshot = auth.getSnapshot();
    expect(snapshot).toEqual({
      status: 'authenticated',
      user: SIGNED_IN.user,
      scopes: ['profile.read', 'streams.read'],
      expiresAt: 1_900_000_000_000,
      data: {},
      error: null,
    });
    expect(auth.getServerSnapshot()).toBe(loading);
  });

  it('loading → unauthenticated', async () => {
    const router = createRouter({ session: SIGNED_OUT });
    const auth = client(router);
    auth.subscribe(() => {});
    await settle();
    expect(auth.getSnapshot()).toMatchObject({
      status: 'unauthenticated',
      user: null,
      scopes: [],
      error: null,
    });
    expect(router.count('/auth/session')).toBe(1);
  });

  it('with initialSession it starts settled: no loading state, no request', async () => {
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router, { initialSession: SIGNED_IN });
    const first = auth.getSnapshot();
    expect(first.status).toBe('authenticated');
    expect(auth.getServerSnapshot()).toBe(first);
    const listener = vi.fn();
    auth.subscribe(listener);
    await settle();
    expect(router.requests).toHaveLength(0);
    expect(listener).not.toHaveBeenCalled();
    expect(auth.getSnapshot()).toBe(first);

    const signedOut = client(router, { initialSession: null });
    expect(signedOut.getSnapshot().status).toBe('unauthenticated');
    expect(signedOut.getServerSnapshot()).toBe(signedOut.getSnapshot());
  });

  it('getSnapshot returns the same object until the state changes', async () => {
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router);
    const listener = vi.fn();
    auth.subscribe(listener);
    await settle();
    const settled = auth.getSnapshot();
    expect(auth.getSnapshot()).toBe(settled);
    await auth.refresh();
    await auth.refresh();
    expect(auth.getSnapshot()).toBe(settled);
    expect(listener).toHaveBeenCalledTimes(1);
    router.state.session = { ...SIGNED_IN, expiresAt: 1_900_000_360_000 };
    await auth.refresh();
    expect(auth.getSnapshot()).not.toBe(settled);
    expect(auth.getSnapshot().expiresAt).toBe(1_900_000_360_000);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('refresh() is single-flight', async () => {
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router, { initialSession: SIGNED_OUT });
    const release = router.hold();
    const calls = [auth.refresh(), auth.refresh(), auth.refresh()];
    release();
    const results = await Promise.all(calls);
    expect(router.count('/auth/session')).toBe(1);
    expect(results[0]?.status).toBe('authenticated');
    for (const result of results) expect(result).toBe(results[0]);
  });

  it('hasScopes', async () => {
    const auth = client(createRouter(), { initialSession: SIGNED_IN });
    expect(auth.hasScopes([])).toBe(true);
    expect(auth.hasScopes(['streams.read'])).toBe(true);
    expect(auth.hasScopes(['streams.read', 'profile.read'])).toBe(true);
    expect(auth.hasScopes(['streams.write'])).toBe(false);
    expect(client(createRouter(), { initialSession: null }).hasScopes(['streams.read'])).toBe(false);
  });
});

describe('transient failures never sign the user out', () => {
  it.each([
    ['network', 'network_error'],
    [502, 'invalid_response'],
  ] as const)(
    'a %s failure keeps the session and sets %s; the next success clears it',
    async (failure, code) => {
      const router = createRouter({ session: SIGNED_IN });
      const auth = client(router, { initialSession: SIGNED_IN });
      const listener = vi.fn();
      auth.subscribe(listener);
      router.state.sessionFailure = failure;
      const during = await auth.refresh();
      expect(during.status).toBe('authenticated');
      expect(during.user?.username).toBe('ada');
      expect(during.scopes).toEqual(['profile.read', 'streams.read']);
      expect(during.error).toEqual({ code, message: expect.any(String) });
      expect(listener).toHaveBeenCalledTimes(1);
      router.state.sessionFailure = null;
      const after = await auth.refresh();
      expect(after).toMatchObject({ status: 'authenticated', error: null });
    },
  );

  it('a body that is not a session payload is invalid_response, not a sign-out', async () => {
    const router = createRouter({ session: { weird: true } as never });
    const auth = client(router, { initialSession: SIGNED_IN });
    expect(await auth.refresh()).toMatchObject({
      status: 'authenticated',
      error: { code: 'invalid_response' },
    });
  });

  it('a failed first load settles as unauthenticated with the error (nothing to keep)', async () => {
    const router = createRouter({ sessionFailure: 'network' });
    const auth = client(router);
    const listener = vi.fn();
    auth.subscribe(listener);
    await settle();
    expect(auth.getSnapshot()).toMatchObject({ status: 'unauthenticated', error: { code: 'network_error' } });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('signIn', () => {
  it('navigates to {basePath}/login with space-separated scopes and returnTo (default: current path + query)', () => {
    const navigate = vi.fn();
    const auth = client(createRouter(), { navigate });
    auth.signIn();
    auth.signIn({ scopes: ['streams.read', 'streams.create'], returnTo: '/streams?new=1&x=a b' });
    const custom = client(createRouter(), { navigate, basePath: '/api/auth/' });
    custom.signIn({ scopes: [] });
    const urls = navigate.mock.calls.map(([url]) => new URL(url as string, location.origin));
    expect(urls.map((url) => url.pathname)).toEqual(['/auth/login', '/auth/login', '/api/auth/login']);
    expect(urls[0]?.searchParams.get('returnTo')).toBe('/dashboard?tab=1');
    expect(urls[0]?.searchParams.has('scope')).toBe(false);
    expect(urls[1]?.searchParams.get('scope')).toBe('streams.read streams.create');
    expect(urls[1]?.searchParams.get('returnTo')).toBe('/streams?new=1&x=a b');
    expect(urls[2]?.searchParams.has('scope')).toBe(false);
  });

  it('defaults to location.assign', () => {
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => {});
    client(createRouter()).signIn({ scopes: ['profile.read'] });
    expect(assign).toHaveBeenCalledWith('/auth/login?scope=profile.read&returnTo=%2Fdashboard%3Ftab%3D1');
  });
});

describe('signOut', () => {
  it('POSTs logout as JSON caller with same-origin credentials, then is unauthenticated', async () => {
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router, { initialSession: SIGNED_IN });
    const listener = vi.fn();
    auth.subscribe(listener);
    await auth.signOut();
    const logout = router.requests.find((request) => request.path === '/auth/logout');
    expect(logout).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(logout?.headers.get('accept')).toBe('application/json');
    expect(auth.getSnapshot()).toEqual({
      status: 'unauthenticated',
      user: null,
      scopes: [],
      expiresAt: null,
      data: null,
      error: null,
    });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('a failed logout keeps the session and sets an error', async () => {
    const router = createRouter({ session: SIGNED_IN, logoutStatus: 403 });
    const auth = client(router, { initialSession: SIGNED_IN });
    await auth.signOut();
    expect(auth.getSnapshot()).toMatchObject({
      status: 'authenticated',
      error: { code: 'invalid_response' },
    });
  });

  it('a session answer that arrives after signOut is ignored', async () => {
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router, { initialSession: SIGNED_IN });
    const release = router.hold();
    const stale = auth.refresh();
    const out = auth.signOut();
    release();
    await Promise.all([stale, out]);
    expect(auth.getSnapshot().status).toBe('unauthenticated');
  });
});

describe('fetch through the proxy', () => {
  it('routes by API with same-origin credentials', async () => {
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router, { initialSession: SIGNED_IN });
    await auth.fetch('/streams/mine');
    await auth.fetch('/account/this', { method: 'GET', headers: { 'x-trace': '1' } });
    await auth.fetch('/streams/st_1/destinations/pb_1/enable?x=1', { method: 'PUT' });
    expect(
      router.requests.map((request) => `${request.method} ${request.path} ${request.credentials}`),
    ).toEqual([
      'GET /auth/api/streams/streams/mine same-origin',
      'GET /auth/api/accounts/account/this same-origin',
      'PUT /auth/api/streams/streams/st_1/destinations/pb_1/enable?x=1 same-origin',
    ]);
    expect(router.requests[1]?.headers.get('x-trace')).toBe('1');
  });

  it("a 401 { code: 'unauthenticated' } refetches the session; the caller still gets the response", async () => {
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router, { initialSession: SIGNED_IN });
    router.state.session = SIGNED_OUT;
    const response = await auth.fetch('/streams/mine');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    expect(router.count('/auth/session')).toBe(1);
    expect(auth.getSnapshot().status).toBe('unauthenticated');
  });

  it('any 401 refetches the session once; a 403 does not', async () => {
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router, { initialSession: SIGNED_IN });
    router.state.api = () => new Response('{"message":"nope"}', { status: 401 });
    await auth.fetch('/streams/mine');
    expect(router.count('/auth/session')).toBe(1);
    router.state.api = () =>
      new Response('{"code":"missing_scopes","missing":["streams.write"]}', { status: 403 });
    await auth.fetch('/streams/mine');
    expect(router.count('/auth/session')).toBe(1);
  });
});

describe('refetch on focus', () => {
  it('focus and visibilitychange are debounced: a burst causes one request, a later focus another', async () => {
    vi.useFakeTimers();
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router, { initialSession: SIGNED_IN });
    auth.subscribe(() => {});
    window.dispatchEvent(new Event('focus'));
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(500);
    window.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(999);
    expect(router.count('/auth/session')).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    window.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(0);
    expect(router.count('/auth/session')).toBe(2);
  });

  it('a hidden document does not refetch; refetchOnFocus: false turns it off', async () => {
    vi.useFakeTimers();
    const router = createRouter({ session: SIGNED_IN });
    client(router, { initialSession: SIGNED_IN, refetchOnFocus: false }).subscribe(() => {});
    window.dispatchEvent(new Event('focus'));
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    client(router, { initialSession: SIGNED_IN }).subscribe(() => {});
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(router.count('/auth/session')).toBe(0);
    visibility.mockRestore();
  });
});

describe('error from the callback URL', () => {
  it('reads ?error=<code> on first subscribe, shows a friendly message and removes the parameter', async () => {
    history.replaceState({ keep: 1 }, '', '/dashboard?tab=1&error=access_denied#top');
    const router = createRouter({ session: SIGNED_OUT });
    const auth = client(router);
    expect(auth.getSnapshot().error).toBeNull();
    auth.subscribe(() => {});
    expect(auth.getSnapshot().error).toEqual({ code: 'access_denied', message: 'Sign-in was cancelled.' });
    expect(location.pathname + location.search + location.hash).toBe('/dashboard?tab=1#top');
    expect(history.state).toEqual({ keep: 1 });
    await settle();
    // The session answer does not wipe the error the user has not seen yet.
    expect(auth.getSnapshot()).toMatchObject({ status: 'unauthenticated', error: { code: 'access_denied' } });
  });

  it('a page hydrated with the same initialError changes nothing when the URL is read (no re-render)', () => {
    history.replaceState(null, '', '/?error=access_denied');
    const auth = client(createRouter(), { initialSession: SIGNED_OUT, initialError: 'access_denied' });
    const hydrated = auth.getSnapshot();
    expect(hydrated.error?.code).toBe('access_denied');
    const listener = vi.fn();
    auth.subscribe(listener);
    expect(location.search).toBe('');
    expect(auth.getSnapshot()).toBe(hydrated);
    expect(listener).not.toHaveBeenCalled();
  });

  it('leaves unknown error values (the app’s own) and readErrorFromUrl: false alone', () => {
    history.replaceState(null, '', '/search?error=spelling');
    client(createRouter(), { initialSession: null }).subscribe(() => {});
    expect(location.search).toBe('?error=spelling');
    history.replaceState(null, '', '/?error=invalid_state');
    const off = client(createRouter(), { initialSession: null, readErrorFromUrl: false });
    off.subscribe(() => {});
    expect(location.search).toBe('?error=invalid_state');
    expect(off.getSnapshot().error).toBeNull();
    const on = client(createRouter(), { initialSession: null });
    on.subscribe(() => {});
    expect(on.getSnapshot().error?.code).toBe('invalid_state');
    expect(on.getSnapshot().error?.message).toMatch(/try again/i);
  });
});

describe('subscribe, unsubscribe, destroy', () => {
  it('an unsubscribed listener is not called; the last unsubscribe stops focus refetching; resubscribing resumes it without a new session load', async () => {
    vi.useFakeTimers();
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router);
    const a = vi.fn();
    const b = vi.fn();
    const offA = auth.subscribe(a);
    const offB = auth.subscribe(b);
    offA();
    await vi.advanceTimersByTimeAsync(0);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    offB();
    window.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(0);
    expect(router.count('/auth/session')).toBe(1);
    auth.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(router.count('/auth/session')).toBe(1);
    window.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(0);
    expect(router.count('/auth/session')).toBe(2);
  });

  it('destroy removes listeners, timers and the BroadcastChannel', async () => {
    vi.useFakeTimers();
    const router = createRouter({ session: SIGNED_IN });
    const added = vi.spyOn(window, 'addEventListener');
    const close = vi.spyOn(BroadcastChannel.prototype, 'close');
    const auth = createAuthClient({ fetch: router.fetch as typeof fetch, initialSession: SIGNED_IN });
    const listener = vi.fn();
    auth.subscribe(listener);
    window.dispatchEvent(new Event('focus'));
    expect(vi.getTimerCount()).toBe(1);
    auth.destroy();
    expect(vi.getTimerCount()).toBe(0);
    expect(close).toHaveBeenCalledTimes(1);
    // Every window listener was added with an AbortSignal that destroy aborted.
    expect(added.mock.calls.length).toBeGreaterThan(0);
    for (const [, , options] of added.mock.calls)
      expect((options as AddEventListenerOptions).signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(router.count('/auth/session')).toBe(1);
    router.requests.length = 0;
    window.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(router.count('/auth/session')).toBe(0);
    // A destroyed store does not come back to life: subscribing again attaches nothing.
    const attached = added.mock.calls.length;
    auth.subscribe(listener);
    expect(added.mock.calls.length).toBe(attached);
    window.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(router.count('/auth/session')).toBe(0);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('one refresh per page, ahead of expiry (issue 16)', () => {
  /** The server says it refreshes this token 100 s from now. */
  const DUE_IN_100 = { ...SIGNED_IN, refreshIn: 100 };
  const apiCalls = (router: ReturnType<typeof createRouter>) =>
    router.requests.filter((request) => request.path.startsWith('/auth/api/')).length;

  it('fetch() calls made while the session loads wait for it, then carry its cookie', async () => {
    const router = createRouter({ session: SIGNED_IN });
    const auth = client(router);
    const release = router.hold();
    auth.subscribe(() => {});
    const calls = [auth.fetch('/streams/mine'), auth.fetch('/account/this'), auth.fetch('/streams/mine')];
    await settle();
    expect(router.requests.map((request) => request.path)).toEqual(['/auth/session']);
    release();
    await Promise.all(calls);
    expect(router.requests.map((request) => request.path)).toEqual([
      '/auth/session',
      '/auth/api/streams/streams/mine',
      '/auth/api/accounts/account/this',
      '/auth/api/streams/streams/mine',
    ]);
  });

  it('once the token is due, parallel fetch() calls make one session request first (a throttled timer, a hydrated page)', async () => {
    let now = 1_000_000;
    const router = createRouter({ session: DUE_IN_100 });
    const auth = client(router, { initialSession: DUE_IN_100, now: () => now });
    await auth.fetch('/streams/mine');
    expect(router.count('/auth/session')).toBe(0);
    now += 100_000;
    const release = router.hold();
    const calls = Array.from({ length: 5 }, () => auth.fetch('/streams/mine'));
    await settle();
    expect(router.requests.slice(1).map((request) => request.path)).toEqual(['/auth/session']);
    release();
    await Promise.all(calls);
    expect(router.count('/auth/session')).toBe(1);
    expect(apiCalls(router)).toBe(6);
    // The answer planned the next refresh 100 s on: nothing more until then.
    await auth.fetch('/streams/mine');
    expect(router.count('/auth/session')).toBe(1);
  });

  it('a subscribed store refreshes on its own when the server said, then plans the next one', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const router = createRouter({ session: DUE_IN_100 });
    const auth = client(router, { initialSession: DUE_IN_100 });
    auth.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(99_000);
    expect(router.count('/auth/session')).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(router.count('/auth/session')).toBe(1);
    await vi.advanceTimersByTimeAsync(100_000);
    expect(router.count('/auth/session')).toBe(2);
    // Signed out: no more refreshes.
    router.state.session = SIGNED_OUT;
    await auth.signOut();
    await vi.advanceTimersByTimeAsync(1_000_000);
    expect(router.count('/auth/session')).toBe(2);
  });

  it('a due token the server could not refresh (refreshIn 0), or a failed session request, is asked about again after 5 s, not on every call', async () => {
    let now = 1_000_000;
    const router = createRouter({ session: { ...SIGNED_IN, refreshIn: 0 } });
    const auth = client(router, { initialSession: { ...SIGNED_IN, refreshIn: 0 }, now: () => now });
    for (let i = 0; i < 5; i++) await auth.fetch('/streams/mine');
    expect(router.count('/auth/session')).toBe(0);
    now += 5_000;
    for (let i = 0; i < 5; i++) await auth.fetch('/streams/mine');
    expect(router.count('/auth/session')).toBe(1);
    router.state.sessionFailure = 'network';
    now += 5_000;
    for (let i = 0; i < 5; i++) await auth.fetch('/streams/mine');
    expect(router.count('/auth/session')).toBe(2);
    expect(auth.getSnapshot().status).toBe('authenticated');
  });

  it('tabs take turns through a Web Lock: the second tab asks only after the first got its answer', async () => {
    const held: string[] = [];
    let queue = Promise.resolve();
    const locks = {
      request: (name: string, task: () => Promise<unknown>) => {
        held.push(name);
        const run = queue.then(task);
        queue = run.then(
          () => undefined,
          () => undefined,
        );
        return run;
      },
    };
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
    try {
      const router = createRouter({ session: SIGNED_IN });
      const first = client(router);
      const second = client(router);
      const release = router.hold();
      const answers = [first.refresh(), second.refresh()];
      await settle();
      // The second tab's request waits for the first one's answer (and its Set-Cookie).
      expect(router.count('/auth/session')).toBe(1);
      release();
      await Promise.all(answers);
      expect(router.count('/auth/session')).toBe(2);
      expect(held).toEqual(['livepush-auth:session', 'livepush-auth:session']);
    } finally {
      Reflect.deleteProperty(navigator, 'locks');
    }
  });

  it('destroy clears the refresh timer', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const router = createRouter({ session: DUE_IN_100 });
    const auth = client(router, { initialSession: DUE_IN_100 });
    auth.subscribe(() => {});
    expect(vi.getTimerCount()).toBe(1);
    auth.destroy();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(200_000);
    expect(router.count('/auth/session')).toBe(0);
  });
});
