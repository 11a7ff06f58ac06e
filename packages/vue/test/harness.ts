import { type AuthClient, type AuthClientOptions, createAuthClient } from '@livepush/auth-core/client';
import { createLivepushAuth, type LivepushAuth, type LivepushAuthOptions } from '@livepush/auth-core/server';
import type { MockLivepush, MockLivepushOptions } from '@livepush/mock-server';
import { authOptions, Browser, LATER_SCOPES, startMock } from '@livepush/test-support';

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

export async function startBackend(
  mockOptions: MockLivepushOptions = {},
  serverOptions: Partial<LivepushAuthOptions> = {},
): Promise<Backend> {
  const mock = await startMock(mockOptions);
  const auth = createLivepushAuth({ ...authOptions(mock, ORIGIN), ...LATER_SCOPES, ...serverOptions });
  const browser = new Browser(auth, { origin: ORIGIN, sendOrigin: true });
  const navigations: string[] = [];
  let pending: Promise<string> | undefined;
  history.replaceState(null, '', '/');

  async function navigate(url: string): Promise<string> {
    const { url: landed, response } = await browser.navigate(new URL(url, location.href));
    if (response) throw new Error(`navigation to ${landed} ended with ${response.status}`);
    history.replaceState(null, '', `${landed.pathname}${landed.search}`);
    return landed.href;
  }

  return {
    mock,
    auth,
    requests: browser.requests,
    cookies: browser.jar,
    navigations,
    fetch: browser.fetch,
    navigate,
    settled: async () => pending,
    createClient: (options) =>
      createAuthClient({
        fetch: browser.fetch,
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
    signOut: (options) => client.signOut(options),
    refresh: (options) => client.refresh(options),
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
