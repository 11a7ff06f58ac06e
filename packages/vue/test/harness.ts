import { type AuthClient, type AuthClientOptions, createAuthClient } from '@livepush/auth-core/client';
import { createLivepushAuth, type LivepushAuth } from '@livepush/auth-core/server';
// Not a declared devDependency (it would need a lockfile change): the mock server's source, as in a workspace.
import {
  DEFAULT_CLIENT,
  type MockLivepush,
  type MockLivepushOptions,
  startMockLivepush,
} from '../../mock-server/src/index';

/** The page's origin: happy-dom's location (loopback, so the mock accepts the redirect URI on any port). */
export const ORIGIN = 'http://localhost:3000';

/**
 * A browser's network layer around the REAL server handler and the REAL mock Livepush: a cookie jar,
 * the Origin header on unsafe requests, and full-page navigations that follow redirects between the
 * app (`auth.handler`) and the mock (over HTTP). Nothing here is a double of the SDK.
 */
export interface Backend {
  mock: MockLivepush;
  auth: LivepushAuth;
  /** Requests the page sent to the app, as `METHOD /path`. */
  requests: string[];
  cookies: Map<string, string>;
  /** The page's fetch: relative URLs resolve against the current location. */
  fetch: typeof fetch;
  /** A full-page navigation; resolves with the app URL it lands on (the location is updated). */
  navigate(url: string): Promise<string>;
  /** The navigations the store started (`signIn`), in order. */
  navigations: string[];
  /** Waits for the last navigation to land. */
  settled(): Promise<string | undefined>;
  /** Creates a store as a freshly loaded page would. */
  createClient(options?: AuthClientOptions): AuthClient;
  close(): Promise<void>;
}

export async function startBackend(mockOptions: MockLivepushOptions = {}): Promise<Backend> {
  const mock = await startMockLivepush({ consent: 'approve', ...mockOptions });
  const auth = createLivepushAuth({
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    redirectUri: `${ORIGIN}/auth/callback`,
    secret: 'vue-tests-secret-0123456789abcdef0123456789',
    scopes: ['profile.read', 'streams.read'],
    // The tests ask for streams.create later (incremental consent).
    allowedScopes: ['profile.read', 'streams.read', 'streams.create'],
    endpoints: mock.endpoints,
  });
  const cookies = new Map<string, string>();
  const requests: string[] = [];
  const navigations: string[] = [];
  let pending: Promise<string> | undefined;
  history.replaceState(null, '', '/');

  async function send(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (request.method !== 'GET' && request.method !== 'HEAD') headers.set('origin', ORIGIN);
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}`);
    const response = await auth.handler(new Request(request, { headers }));
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=(0|-)/i.test(a) || /^\s*expires=.*1970/i.test(a));
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  }

  const pageFetch: typeof fetch = (input, init) => {
    const request = new Request(
      new URL(input instanceof Request ? input.url : String(input), location.href),
      input instanceof Request ? input : init,
    );
    return send(init && input instanceof Request ? new Request(request, init) : request);
  };

  async function navigate(url: string): Promise<string> {
    let next = new URL(url, location.href).href;
    for (let hop = 0; hop < 10; hop++) {
      const target = new URL(next);
      const inApp = target.origin === ORIGIN;
      if (inApp && !target.pathname.startsWith('/auth/')) {
        history.replaceState(null, '', `${target.pathname}${target.search}`);
        return next;
      }
      const response = inApp
        ? await send(new Request(next, { redirect: 'manual' }))
        : await fetch(next, { redirect: 'manual' });
      const to = response.headers.get('location');
      if (!to) throw new Error(`navigation to ${next} ended with ${response.status}`);
      next = new URL(to, next).href;
    }
    throw new Error('too many redirects');
  }

  return {
    mock,
    auth,
    requests,
    cookies,
    navigations,
    fetch: pageFetch,
    navigate,
    settled: async () => pending,
    createClient: (options) =>
      createAuthClient({
        fetch: pageFetch,
        syncTabs: false,
        refetchOnFocus: false,
        navigate: (url) => {
          navigations.push(url);
          pending = navigate(url);
        },
        ...options,
      }),
    close: async () => {
      await pending?.catch(() => {});
      await mock.close();
    },
  };
}

/** Wraps a store so a test can count the listeners still subscribed. */
export function countListeners(client: AuthClient): AuthClient & { readonly listeners: number } {
  let listeners = 0;
  return {
    get listeners() {
      return listeners;
    },
    subscribe(listener) {
      listeners++;
      const unsubscribe = client.subscribe(listener);
      let active = true;
      return () => {
        if (active) listeners--;
        active = false;
        unsubscribe();
      };
    },
    getSnapshot: () => client.getSnapshot(),
    getServerSnapshot: () => client.getServerSnapshot(),
    signIn: (options) => client.signIn(options),
    signOut: () => client.signOut(),
    refresh: () => client.refresh(),
    hasScopes: (scopes) => client.hasScopes(scopes),
    fetch: (path, init) => client.fetch(path, init),
    destroy: () => client.destroy(),
  };
}

/** Resolves when `predicate` holds for the store's snapshot. */
export function until(client: AuthClient, predicate: (s: ReturnType<AuthClient['getSnapshot']>) => boolean) {
  return new Promise<void>((resolve) => {
    if (predicate(client.getSnapshot())) return resolve();
    const unsubscribe = client.subscribe(() => {
      if (!predicate(client.getSnapshot())) return;
      unsubscribe();
      resolve();
    });
  });
}
