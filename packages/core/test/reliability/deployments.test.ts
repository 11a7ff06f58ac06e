// @vitest-environment node
// The page is a happy-dom Window installed by hand (usePage): the handlers and the mock keep Node's
// own fetch, Request and Response.
import type { MockRefreshTokenReuse } from '@livepush/mock-server';
import { describe, expect, it } from 'vitest';
import { usePage } from '../client/page';
import {
  type Deployment,
  type DeploymentOptions,
  expiresAt,
  loadPage,
  type PageShape,
  sharedMemoryStore,
  signedOut,
  startDeployment,
} from './deployment';

usePage('http://127.0.0.1:3000/dashboard');

/**
 * When the page loads: `due` is 30 s before the access token expires (inside the 60 s leeway: the
 * token is still valid but every instance wants to refresh it), `expired` is 5 s after it expired.
 */
type Moment = 'due' | 'expired';

interface Outcome {
  /** Page loads after which the browser could no longer act as the user. */
  signedOut: number;
  /** Page loads that showed the user as signed out (a 401, or a session answer saying so). */
  shownSignedOut: number;
  /** Requests of the page loads answered with anything but 200. */
  failed: number;
  /** Refresh tokens presented again after rotation (Livepush's reuse detection fires on these). */
  replays: number;
  refreshGrants: number;
}

/** `pages` page loads of `shape`, each at `moment` of the then current token; signs in again after a loss. */
async function pageLoads(
  deployment: Deployment,
  shape: PageShape,
  moment: Moment,
  pages: number,
): Promise<Outcome> {
  const before = deployment.mock.stats();
  const outcome: Outcome = { signedOut: 0, shownSignedOut: 0, failed: 0, replays: 0, refreshGrants: 0 };
  for (let i = 0; i < pages; i++) {
    const at = await expiresAt(deployment);
    if (at === null) throw new Error('the browser should hold a session before each page load');
    deployment.clock.now = moment === 'due' ? at - 30_000 : at + 5_000;
    const { statuses, shownSignedOut } = await loadPage(deployment, shape);
    outcome.failed += statuses.filter((status) => status !== 200).length;
    if (shownSignedOut) outcome.shownSignedOut += 1;
    if (await signedOut(deployment)) {
      outcome.signedOut += 1;
      deployment.browser.jar.clear();
      await deployment.browser.signIn();
    }
  }
  const after = deployment.mock.stats();
  outcome.replays = after.refreshTokenReplays - before.refreshTokenReplays;
  outcome.refreshGrants = after.refreshGrants - before.refreshGrants;
  return outcome;
}

const MODES: MockRefreshTokenReuse[] = ['reject', 'revoke-grant'];
const MOMENTS: Moment[] = ['due', 'expired'];

/** The deployment shapes the README calls safe: no page load signs anyone out, nothing is replayed. */
const SAFE: [string, () => Omit<DeploymentOptions, 'refreshTokenReuse'>, PageShape][] = [
  ['one instance, cookie sessions, parallel requests', () => ({ instances: 1 }), 'plain'],
  [
    'three instances over a store with a lock, parallel requests',
    () => ({ instances: 3, store: sharedMemoryStore() }),
    'plain',
  ],
  ['three instances, cookie sessions, the browser store', () => ({ instances: 3 }), 'store'],
  [
    'three instances, cookie sessions, a server-rendered page and the browser store',
    () => ({ instances: 3 }),
    'ssr',
  ],
];

describe.each(MODES)("deployments that stay signed in (Livepush refreshTokenReuse: '%s')", (mode) => {
  describe.each(SAFE)('%s', (_name, options, shape) => {
    it.each(MOMENTS)(
      '100 page loads with the token %s: 0 signed out, every request 200, no refresh token replayed',
      async (moment) => {
        const deployment = await startDeployment({ ...options(), refreshTokenReuse: mode });
        const outcome = await pageLoads(deployment, shape, moment, 100);
        console.info(`${_name}, ${mode}, ${moment}`, outcome);
        expect(outcome).toMatchObject({ signedOut: 0, shownSignedOut: 0, failed: 0, replays: 0 });
        // One refresh per page load: the token was due every time.
        expect(outcome.refreshGrants).toBe(100);
      },
      60_000,
    );
  });
});

/**
 * Several instances with cookie sessions and no lock, when a page's parallel requests bypass the
 * browser store (an app's own `fetch` to the proxy, several server renders at once): each instance
 * refreshes the same token. The README names this shape unsafe; these tests keep it honest.
 */
describe('three instances, cookie sessions, parallel requests that bypass the browser store', () => {
  it("reuse 'reject', token due: the losers keep serving the still-valid token: 0 signed out, every request 200, but refresh tokens are replayed", async () => {
    const deployment = await startDeployment({ instances: 3, refreshTokenReuse: 'reject' });
    const outcome = await pageLoads(deployment, 'plain', 'due', 100);
    console.info('plain, 3 instances, reject, due', outcome);
    expect(outcome).toMatchObject({ signedOut: 0, shownSignedOut: 0, failed: 0 });
    expect(outcome.replays).toBeGreaterThan(0);
  }, 60_000);

  it.each([
    ['reject', 'expired'],
    ['revoke-grant', 'due'],
    ['revoke-grant', 'expired'],
  ] as const)(
    "reuse '%s', token %s: page loads show the user signed out (the remedy is a store with a lock, or sticky sessions)",
    async (mode, moment) => {
      const deployment = await startDeployment({ instances: 3, refreshTokenReuse: mode });
      const outcome = await pageLoads(deployment, 'plain', moment, 25);
      console.info(`plain, 3 instances, ${mode}, ${moment}`, outcome);
      expect(outcome.shownSignedOut).toBeGreaterThan(0);
      expect(outcome.failed).toBeGreaterThan(0);
      expect(outcome.replays).toBeGreaterThan(0);
      // With reuse detection, one replay revokes the grant: the session is over everywhere.
      if (mode === 'revoke-grant') expect(outcome.signedOut).toBeGreaterThan(0);
    },
    60_000,
  );
});

describe('a refresh token that is really revoked still ends the session', () => {
  it.each(MOMENTS)(
    'three instances, cookie sessions, token %s: the first page load shows the user signed out, the next request finds no session',
    async (moment) => {
      const deployment = await startDeployment({ instances: 3, refreshTokenReuse: 'reject' });
      const at = await expiresAt(deployment);
      deployment.clock.now = moment === 'due' ? at! - 30_000 : at! + 5_000;
      deployment.mock.revokeAllTokens();
      const before = deployment.mock.stats().tokenRequests;
      const page = await loadPage(deployment, 'store');
      expect(page.shownSignedOut).toBe(true);
      expect(page.statuses).toContain(401);
      expect(await signedOut(deployment)).toBe(true);
      expect(await deployment.browser.session()).toEqual({ authenticated: false });
      // No storm: at most a refresh and a forced refresh (after Livepush refused the token) per request.
      expect(deployment.mock.stats().tokenRequests - before).toBeLessThanOrEqual(2 * page.statuses.length);
    },
  );

  it('one request is enough once the access token has expired (any instance)', async () => {
    const deployment = await startDeployment({ instances: 3, refreshTokenReuse: 'reject' });
    deployment.clock.now = (await expiresAt(deployment))! + 5_000;
    deployment.mock.revokeAllTokens();
    const response = await deployment.browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    expect(await deployment.browser.session()).toEqual({ authenticated: false });
  });
});
