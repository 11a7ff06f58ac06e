import type { MockLivepush, MockRefreshTokenReuse } from '@livepush/mock-server';
import { authOptions, startMock } from '@livepush/test-support';
import { onTestFinished } from 'vitest';
import { createAuthClient } from '../../src/client/index';
import {
  createLivepushAuth,
  createMemoryStore,
  type LivepushAuth,
  type SessionStore,
} from '../../src/server/index';
import type { SessionPayload } from '../../src/session-payload';
import { APP_ORIGIN, Browser } from '../integration/harness';

/**
 * A deployment as users run one: `instances` handler objects (each one process's worth of state: its
 * own refresher, key cache and session cache) sharing one `secret`, behind a round-robin load
 * balancer, optionally over one session store; Livepush is the mock over real HTTP. Every clock
 * (the instances', the mock's and the browser's) is the one `clock.now`, moved by the test.
 */
export interface Deployment {
  mock: MockLivepush;
  instances: LivepushAuth[];
  /** The load balancer: what the browser talks to. */
  balancer: LivepushAuth;
  browser: Browser;
  clock: { now: number };
}

export interface DeploymentOptions {
  instances: number;
  store?: SessionStore;
  refreshTokenReuse: MockRefreshTokenReuse;
}

/** Starts a deployment for one test (the mock closes when it finishes) with a signed-in browser. */
export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const clock = { now: Date.now() };
  const mock = await startMock({ refreshTokenReuse: options.refreshTokenReuse, now: () => clock.now });
  onTestFinished(() => mock.close());
  const instances = Array.from({ length: options.instances }, () =>
    createLivepushAuth({
      ...authOptions(mock),
      now: () => clock.now,
      ...(options.store ? { store: options.store } : {}),
    }),
  );
  let next = 0;
  const pick = () => instances[next++ % instances.length]!;
  const balancer = {
    ...instances[0]!,
    basePath: '/auth',
    handler: (request: Request) => pick().handler(request),
    requestContext: (request: Request) => pick().requestContext(request),
  } as LivepushAuth;
  const browser = new Browser(balancer);
  await browser.signIn();
  return { mock, instances, balancer, browser, clock };
}

/** A locking store shared by every instance (the memory store's `withLock` serialises refreshes). */
export const sharedMemoryStore = (): SessionStore => createMemoryStore();

/** The paths a dashboard page calls through the proxy as it mounts: three components, in parallel. */
const PAGE_CALLS = ['/streams/mine', '/account/this', '/streams/mine'] as const;

/** What one page load saw. */
export interface PageLoad {
  /** The status of every request the page sent, in order. */
  statuses: number[];
  /** The page showed its user as signed out (a 401, or a session answer that says so). */
  shownSignedOut: boolean;
}

/**
 * How a page reaches the server:
 * - `plain`: the page's requests go out in parallel with whatever cookie the browser holds (the
 *   session JSON and the API calls), as an app's own `fetch` calls (or the store before issue 16) did;
 * - `store`: the SDK's browser store, as a client-rendered page uses it: `subscribe` loads the
 *   session, components call `client.fetch()`;
 * - `ssr`: a server-rendered page: the document request reads the session with `{ refresh: true }`
 *   (as the demos' server does) and hands it to the store as `initialSession`, then components call
 *   `client.fetch()`.
 */
export type PageShape = 'plain' | 'store' | 'ssr';

/** The browser store's fetch: the browser's cookie jar, relative URLs on the app's origin. */
function storeFetch(browser: Browser, seen: Promise<Response>[]): typeof fetch {
  return (input, init) => {
    const url = new URL(String(input), APP_ORIGIN);
    const answer = browser.app(url.pathname + url.search, init ?? {});
    seen.push(answer);
    return answer;
  };
}

/** One page load of `shape` against the deployment; resolves when every request was answered. */
export async function loadPage(deployment: Deployment, shape: PageShape): Promise<PageLoad> {
  const { browser, balancer } = deployment;
  if (shape === 'plain') {
    const responses = await Promise.all([
      browser.app('/auth/session'),
      ...PAGE_CALLS.map((path) =>
        browser.app(`/auth/api/${path.startsWith('/account') ? 'accounts' : 'streams'}${path}`),
      ),
    ]);
    const statuses = responses.map((response) => response.status);
    const session = (await responses[0]!.json()) as { authenticated?: boolean };
    return { statuses, shownSignedOut: statuses.includes(401) || session.authenticated !== true };
  }
  const seen: Promise<Response>[] = [];
  let initialSession: SessionPayload | undefined;
  if (shape === 'ssr') {
    const document = balancer.requestContext(
      new Request(`${APP_ORIGIN}/dashboard`, { headers: { cookie: browser.cookieHeader() } }),
    );
    initialSession = (await document.getSession({ refresh: true })) ?? { authenticated: false };
    browser.store(document.applyCookies(new Response('<html>')));
  }
  const client = createAuthClient({
    fetch: storeFetch(browser, seen),
    syncTabs: false,
    refetchOnFocus: false,
    now: () => deployment.clock.now,
    ...(initialSession === undefined ? {} : { initialSession }),
  } as Parameters<typeof createAuthClient>[0]);
  client.subscribe(() => {});
  const calls = PAGE_CALLS.map((path) => client.fetch(path));
  await Promise.all(calls);
  // Whatever the store sent besides (its session load) is part of the page load too.
  let settled = 0;
  while (settled < seen.length) settled = (await Promise.all(seen)).length;
  const statuses = (await Promise.all(seen)).map((response) => response.status);
  const shownSignedOut = client.getSnapshot().status !== 'authenticated';
  client.destroy();
  return { statuses, shownSignedOut };
}

/** When the browser's current access token expires, as the server reads the cookie (no refresh). */
export async function expiresAt(deployment: Deployment): Promise<number | null> {
  const session = await deployment.instances[0]!.getSession(
    new Request(`${APP_ORIGIN}/`, { headers: { cookie: deployment.browser.cookieHeader() } }),
  );
  return session?.expiresAt ?? null;
}

/**
 * True when the browser can no longer act as the user: its session cookie is gone or unreadable, or
 * its tokens were revoked (an API call through the proxy answers 401). The probe runs on a fresh
 * token, so it refreshes only if Livepush refuses the access token.
 */
export async function signedOut(deployment: Deployment): Promise<boolean> {
  if ((await expiresAt(deployment)) === null) return true;
  const probe = await deployment.browser.app('/auth/api/streams/streams/mine');
  return probe.status === 401;
}
