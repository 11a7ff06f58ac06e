/**
 * The end-to-end scenarios every demo (React, Vue, SvelteKit) runs in Chromium against the mock
 * Livepush. A demo's spec calls {@link demoScenarios} with Playwright's `test`; its
 * `playwright.config.ts` starts the mock with {@link e2eMock} next to its own server.
 *
 * What a demo's pages must offer (accessible names, so all three demos pass the same tests):
 * - signed out: a button "Sign in with Livepush" and a list labelled "Requested scopes" naming each
 *   scope it asks for (`profile.read`, `streams.read`);
 * - signed in: a heading with the user's name, an image "Avatar of <name>", a list labelled
 *   "Granted scopes", the token expiry as `m:ss` in an element with `data-testid="expiry"` that
 *   counts down, a section whose heading is "Your streams" (its list labelled by it), a text field
 *   "Stream name" and a button "Create stream" (which, while `streams.create` is missing, sends the
 *   user to Livepush to grant it and back), a button "Sign out", the text "Member since <YYYY-MM-DD>"
 *   (the session's `data`, kept by the demo's `onSignIn`) and a button "Sign out everywhere" (ends the
 *   user's sessions in every browser);
 * - failures as readable text in an element with `role="alert"` (a denied consent says it was denied; a
 *   sign-in the demo's `onSignIn` refused says {@link SIGN_IN_REFUSED_TEXT}).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MockIssuedTokens, MockStats } from '@livepush/mock-server';
import { expect, type Locator, type Page, type test as playwrightTest } from '@playwright/test';
import { SIGN_IN_REFUSED_TEXT } from '../src/messages';

import { sleepUntilDue } from './asleep';

export { awayUntilDue, sleepUntilDue } from './asleep';
export { keepFetchBodies } from './bodies';
export {
  expectRefreshPersisted,
  expectSignOutEverywhereOffered,
  inBothSessionModes,
  type SessionMode,
} from './sessions';

/** The client secret of the mock's default client: it must never reach the browser. */
const MOCK_CLIENT_SECRET = 'livepush-demo-secret-not-for-production';
/** The fake user of the mock. */
const USER_NAME = 'Ada Lovelace';

/** The mock an e2e run starts: a Playwright `webServer` entry and the env the demo server needs. */
export interface E2EMock {
  /** Base URL of the mock Livepush. */
  url: string;
  /** The access-token lifetime the mock issues. */
  ttlSeconds: number;
  /** The demo server's refresh leeway (the handler's `leewaySeconds`, default 60). */
  leewaySeconds: number;
  /** The leeway a token of `ttlSeconds` gets: `leewaySeconds`, at most a quarter of its life. */
  effectiveLeewaySeconds: number;
  /**
   * Seconds after it is issued that a token is due for API calls and server loads (`ttl − leeway`); the
   * session JSON and the browser store refresh it earlier, at `ttl − 2 × leeway`.
   */
  dueAfterSeconds: number;
  /** The session secret given to the demo server (so the tests can check it never reaches the page). */
  sessionSecret: string;
  /** Environment for the demo server: point it at this mock, with a fixed session secret. */
  demoEnv: Record<string, string>;
  /** Add to the config's `webServer` array, before the demo's own server. */
  webServer: {
    command: string;
    url: string;
    env: Record<string, string>;
    reuseExistingServer: false;
    timeout: number;
  };
}

/**
 * The mock Livepush for a demo's e2e run, on fixed loopback ports (each demo picks its own, so demos can
 * be tested side by side). The default TTL is 20 s: the 60 s leeway is capped at a quarter of that (5 s),
 * so API calls find a token due 15 s after it is issued (the browser store refreshes it at 10 s, and its
 * successor not before 20 s): one wait shows exactly one refresh, and nothing else refreshes in between.
 */
export function e2eMock(options: { port: number; ttlSeconds?: number; leewaySeconds?: number }): E2EMock {
  const ttlSeconds = options.ttlSeconds ?? 20;
  const leewaySeconds = options.leewaySeconds ?? 60;
  const effectiveLeewaySeconds = Math.min(leewaySeconds, ttlSeconds / 4);
  const url = `http://127.0.0.1:${options.port}`;
  const sessionSecret = 'e2e-session-secret-do-not-leak-0123456789';
  // The mock's own bin (built by `turbo run build`); its counters are served at /__mock/stats.
  const bin = join(
    dirname(createRequire(import.meta.url).resolve('@livepush/mock-server/package.json')),
    'dist/bin.js',
  );
  return {
    url,
    ttlSeconds,
    leewaySeconds,
    effectiveLeewaySeconds,
    dueAfterSeconds: ttlSeconds - effectiveLeewaySeconds,
    sessionSecret,
    demoEnv: { LIVEPUSH_MOCK_URL: url, SESSION_SECRET: sessionSecret },
    webServer: {
      command: `node ${JSON.stringify(bin)} --port ${options.port} --ttl ${ttlSeconds} --consent prompt`,
      url: `${url}/__mock/stats`,
      env: {},
      reuseExistingServer: false,
      timeout: 30_000,
    },
  };
}

/** From the signed-out home page: "Sign in with Livepush", Approve on the mock, back signed in. */
export async function signInWithMock(page: Page, mock: E2EMock): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Livepush' }).click();
  await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('heading', { name: USER_NAME })).toBeVisible();
}

/**
 * Signs in on a page whose clock is installed, then lets it sleep until its token is due
 * ({@link sleepUntilDue}), checking nothing refreshed meanwhile. Returns a counter of the refreshes at
 * Livepush since the sign-in.
 */
export async function signInAndSleepUntilDue(page: Page, mock: E2EMock): Promise<() => Promise<number>> {
  await page.clock.install();
  await signInWithMock(page, mock);
  const before = (await mockStats(mock)).refreshGrants;
  const refreshes = async () => (await mockStats(mock)).refreshGrants - before;
  await sleepUntilDue(page, mock);
  expect(await refreshes(), 'nothing refreshed while the page slept').toBe(0);
  return refreshes;
}

/**
 * Signed in without `streams.create`: "Create stream" sends the user to Livepush for just that scope,
 * Approve brings them back with it granted, and the stream `name` is created — no alert (found by
 * `alerts`) on the way.
 */
export async function createStreamAfterConsent(
  page: Page,
  mock: E2EMock,
  name: string,
  alerts: (page: Page) => Locator = (page) => page.getByRole('alert'),
): Promise<void> {
  await approveCreateConsent(page, mock, name);
  // … and the app, back with streams.create granted, creates the stream.
  await page.getByLabel('Stream name').fill(name);
  await page.getByRole('button', { name: 'Create stream' }).click();
  await expect(page.getByRole('list', { name: 'Your streams' })).toContainText(name);
  await expect(alerts(page)).toHaveCount(0);
}

/**
 * Presses "Create stream" for `name` without `streams.create`: Livepush asks for the missing scope
 * (the union is requested), and after Approve the app is back with it granted.
 */
export async function approveCreateConsent(page: Page, mock: E2EMock, name: string): Promise<void> {
  await page.getByLabel('Stream name').fill(name);
  await page.getByRole('button', { name: 'Create stream' }).click();
  await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
  await expect(page.getByRole('list', { name: 'Requested permissions' })).toContainText('streams.create');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('list', { name: 'Granted scopes' })).toContainText('streams.create');
}

/**
 * For a demo whose `/streams` sends signed-out visitors to Livepush: Deny there brings the visitor back
 * to `/streams?error=access_denied`, which shows the error once and starts no second sign-in.
 */
export async function denyOnStreamsPage(
  page: Page,
  mock: E2EMock,
  alerts: (page: Page) => Locator = (page) => page.getByRole('alert'),
): Promise<void> {
  const before = await mockStats(mock);
  await page.goto('/streams');
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page).toHaveURL(/\/streams\?error=access_denied$/);
  await expect(alerts(page)).toContainText('denied');
  expect((await mockStats(mock)).authorizeRequests - before.authorizeRequests).toBe(1);
}

/**
 * For a demo that renders on the server (SvelteKit, Nuxt, Next.js): the first HTML of `/` with `page`'s cookies
 * (signed in) is already signed in — name, expiry, streams, no sign-in button, no loading state — and
 * without cookies it is signed out. Returns the signed-in HTML for the demo's own checks.
 */
export async function expectFirstHtmlSignedIn(page: Page): Promise<string> {
  const html = await (await page.request.get('/')).text();
  expect(html).toContain(USER_NAME);
  expect(html).toContain('Sign out');
  expect(html).toContain('Your streams');
  expect(html).toMatch(/data-testid="expiry"[^>]*>\d+:\d{2}</);
  expect(html).not.toContain('Sign in with Livepush');
  expect(html).not.toMatch(/Loading/i);

  const signedOut = await (await page.request.get('/', { headers: { cookie: '' } })).text();
  expect(signedOut).toContain('Sign in with Livepush');
  expect(signedOut).not.toContain(USER_NAME);
  return html;
}

/**
 * A signed-out visit of `/streams`, a page that needs `streams.read`: Livepush is asked for the demo's
 * default scopes plus that one, and after Approve the visitor is back on `/streams`, listing streams.
 */
export async function signInThroughStreamsPage(page: Page, mock: E2EMock): Promise<void> {
  await page.goto('/streams');
  await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
  const scope = new URL(page.url()).searchParams.get('scope') ?? '';
  expect(scope.split(/[ ,]+/).sort()).toEqual(['profile.read', 'streams.read']);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page).toHaveURL(/\/streams$/);
  await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Your streams' }).getByRole('listitem').first()).toBeVisible();
}

/** Per-demo options of {@link demoScenarios}. */
export interface DemoScenarioOptions {
  /** The mock the config started ({@link e2eMock} with the same arguments). */
  mock: E2EMock;
  /** The built front end (absolute directory) whose `.js` files must hold no secret. */
  builtAssetsDir: string;
  /**
   * The page's own alerts. Default: every `role="alert"`. The Next.js demo passes those outside Next.js'
   * route announcer (an always-present, visually hidden live region with the role `alert`).
   */
  alerts?: (page: Page) => Locator;
}

type DemoTest = typeof playwrightTest;

/**
 * Every access and refresh token the mock has issued, read over HTTP (`/__mock/tokens`): tokens are
 * opaque, so a leak scan looks for these exact values, not for a shape.
 */
export async function issuedTokens(mock: E2EMock): Promise<string[]> {
  const response = await fetch(`${mock.url}/__mock/tokens`);
  const { accessTokens, refreshTokens } = (await response.json()) as MockIssuedTokens;
  return [...accessTokens, ...refreshTokens];
}

/**
 * Changes the mock's user over HTTP (`POST /__mock/user`), e.g. `{ isDisabled: true }`; a
 * `/__mock/reset` undoes it.
 */
export async function setMockUser(mock: E2EMock, changes: { isDisabled?: boolean }): Promise<void> {
  const response = await fetch(`${mock.url}/__mock/user`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(changes),
  });
  if (!response.ok) throw new Error(`POST /__mock/user answered ${response.status}`);
}

/** The mock's counters, read over HTTP (`/__mock/stats`). */
export async function mockStats(mock: E2EMock): Promise<MockStats> {
  const response = await fetch(`${mock.url}/__mock/stats`);
  return (await response.json()) as MockStats;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.m?js$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Seconds shown by the `m:ss` expiry countdown. */
async function expirySeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('expiry').textContent()) ?? '';
  const match = /(\d+):(\d{2})/.exec(text);
  if (!match) throw new Error(`The expiry shows "${text}", not m:ss`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Registers the shared scenarios on `test`. Call once from a spec file of the demo.
 *
 * @example
 * ```ts
 * import { test } from '@playwright/test';
 * import { demoScenarios } from '@livepush/demo-shared/e2e';
 * demoScenarios(test, { mock: e2eMock({ port: 4173 }), builtAssetsDir: fileURLToPath(new URL('../dist', import.meta.url)) });
 * ```
 */
export function demoScenarios(test: DemoTest, options: DemoScenarioOptions): void {
  const { mock } = options;
  const alerts = options.alerts ?? ((page: Page) => page.getByRole('alert'));

  /** Sign in from the signed-out page and approve on the mock's consent page. */
  const signIn = (page: Page) => signInWithMock(page, mock);

  test.describe('Livepush sign-in (shared scenarios)', () => {
    test('signed out: the sign-in button and the scopes it asks for', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
      const requested = page.getByRole('list', { name: 'Requested scopes' });
      await expect(requested).toContainText('profile.read');
      await expect(requested).toContainText('streams.read');
      await expect(alerts(page)).toHaveCount(0);
    });

    test('sign in → Approve → name, avatar, scopes, a counting-down expiry and the streams', async ({
      page,
    }) => {
      await signIn(page);
      await expect(page.getByRole('img', { name: `Avatar of ${USER_NAME}` })).toBeVisible();
      const granted = page.getByRole('list', { name: 'Granted scopes' });
      await expect(granted).toContainText('profile.read');
      await expect(granted).toContainText('streams.read');
      await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
      await expect(alerts(page)).toHaveCount(0);
      const first = await expirySeconds(page);
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(mock.ttlSeconds);
      await expect.poll(() => expirySeconds(page), { timeout: 5_000 }).toBeLessThan(first);
    });

    test('Deny → a readable error, still signed out', async ({ page }) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in with Livepush' }).click();
      await page.getByRole('button', { name: 'Deny' }).click();
      const alert = alerts(page);
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(/denied|declined|refused|cancel/i);
      await expect(alert).not.toHaveText('access_denied');
      await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
      const session = await page.evaluate(() => fetch('/auth/session').then((r) => r.json()));
      expect(session).toEqual({ authenticated: false });
    });

    test('create a stream after incremental consent for streams.create', async ({ page }) => {
      await signIn(page);
      await createStreamAfterConsent(page, mock, `E2E stream ${Date.now()}`, alerts);
    });

    test('a short-lived access token: the server refreshes it once and the app keeps working', async ({
      page,
    }) => {
      await signIn(page);
      await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
      const before = await mockStats(mock);
      const shownBefore = await expirySeconds(page);
      // Wait until the token is due for API calls too, then use the app again: the browser store's
      // timer (React, Vue) or the /streams load (SvelteKit) refreshes it, once.
      await page.waitForTimeout(mock.dueAfterSeconds * 1000 + 1_000);
      await page.reload();
      await expect(page.getByRole('heading', { name: USER_NAME })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
      await expect(alerts(page)).toHaveCount(0);
      await expect.poll(async () => (await mockStats(mock)).refreshGrants - before.refreshGrants).toBe(1);
      // The page shows the new token's expiry: beyond the leeway again (the old one was within it).
      expect(shownBefore).toBeGreaterThan(mock.effectiveLeewaySeconds);
      expect(await expirySeconds(page)).toBeGreaterThan(mock.effectiveLeewaySeconds);
      await page.waitForTimeout(500);
      expect((await mockStats(mock)).refreshGrants - before.refreshGrants).toBe(1);
    });

    test('a sign-in the app refuses (a disabled Livepush account): a readable error, no session', async ({
      page,
    }) => {
      await setMockUser(mock, { isDisabled: true });
      try {
        await page.goto('/');
        await page.getByRole('button', { name: 'Sign in with Livepush' }).click();
        await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
        await page.getByRole('button', { name: 'Approve' }).click();
        await expect(alerts(page)).toContainText(SIGN_IN_REFUSED_TEXT);
        await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
        await expect(page.getByRole('heading', { name: USER_NAME })).toHaveCount(0);
        const session = await page.evaluate(() => fetch('/auth/session').then((r) => r.json()));
        expect(session).toEqual({ authenticated: false });
      } finally {
        await setMockUser(mock, { isDisabled: false });
      }
      // The same account, enabled again, gets in (and its session carries the app's data).
      await signIn(page);
      await expect(page.getByText(/^Member since \d{4}-\d{2}-\d{2}$/)).toBeVisible();
    });

    test('"Sign out everywhere" in one browser signs the user out of another on its next request', async ({
      page,
      browser,
      baseURL,
    }) => {
      const other = await browser.newContext(baseURL ? { baseURL } : {});
      try {
        const elsewhere = await other.newPage();
        await signIn(elsewhere);
        await signIn(page);
        await expect(page.getByText('Member since 2023-07-19')).toBeVisible();
        await page.getByRole('button', { name: 'Sign out everywhere' }).click();
        await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
        // The other browser still holds its cookie, but the session behind it has ended.
        expect((await other.cookies(baseURL)).length).toBeGreaterThan(0);
        await elsewhere.reload();
        await expect(elsewhere.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
        await expect(elsewhere.getByRole('heading', { name: USER_NAME })).toHaveCount(0);
        const session = await elsewhere.evaluate(() => fetch('/auth/session').then((r) => r.json()));
        expect(session).toEqual({ authenticated: false });
        await expect(alerts(page)).toHaveCount(0);
      } finally {
        await other.close();
      }
    });

    test('sign out → signed out, also after a reload', async ({ page }) => {
      await signIn(page);
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
      await page.reload();
      await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
      await expect(page.getByRole('heading', { name: USER_NAME })).toHaveCount(0);
      const session = await page.evaluate(() => fetch('/auth/session').then((r) => r.json()));
      expect(session).toEqual({ authenticated: false });
    });

    test('no token or secret in storage, document.cookie, the page’s responses or the built JS', async ({
      page,
      context,
      baseURL,
    }) => {
      // Every body the app's origin sent the page (HTML, JS, session, API proxy), redirects excepted. A body
      // Chromium dropped when the page navigated on is null: it is not counted as scanned.
      const bodies: Promise<string | null>[] = [];
      page.on('response', (response) => {
        if (
          !response.url().startsWith(baseURL ?? '') ||
          (response.status() >= 300 && response.status() < 400)
        )
          return;
        bodies.push(response.text().catch(() => null));
      });
      await signIn(page);
      await page.getByRole('heading', { name: 'Your streams' }).waitFor();
      await page.evaluate(() => fetch('/auth/session').then((r) => r.text()));
      await page.waitForLoadState('networkidle');
      const scanned = (await Promise.all(bodies)).filter((body) => body !== null);
      expect(scanned.length).toBeGreaterThan(2);

      const seen = await page.evaluate(() => ({
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
        cookie: document.cookie,
      }));
      const tokens = await issuedTokens(mock);
      expect(tokens.length).toBeGreaterThan(1);
      const secrets = [MOCK_CLIENT_SECRET, mock.sessionSecret, 'refresh_token', 'access_token'];
      for (const text of [seen.local, seen.session, seen.cookie, ...scanned]) {
        for (const token of tokens) expect(text).not.toContain(token);
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
      // The session cookie exists but page JavaScript cannot read it.
      const cookies = await context.cookies(baseURL);
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) {
        expect(cookie.httpOnly).toBe(true);
        expect(seen.cookie).not.toContain(cookie.value);
      }

      const files = jsFiles(options.builtAssetsDir);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const code = readFileSync(file, 'utf8');
        for (const token of tokens) expect(code.includes(token), `${file} contains a token`).toBe(false);
        for (const secret of [
          MOCK_CLIENT_SECRET,
          mock.sessionSecret,
          'livepush-demo-secret',
          'clientSecret',
        ]) {
          expect(code.includes(secret), `${file} contains ${secret}`).toBe(false);
        }
      }
    });
  });
}
