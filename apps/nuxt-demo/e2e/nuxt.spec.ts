// What only the Nuxt demo shows: the session rendered on the server (no loading state), a refresh during
// server rendering persisted through h3 (with the demo's session store, and again with cookie sessions),
// a page guarded by definePageMeta on server and client navigation, tabs that follow each other, JSON
// errors from server/api routes, and a build that carries no secret.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  awayUntilDue,
  expectFirstHtmlSignedIn,
  expectRefreshPersisted,
  expectSignOutEverywhereOffered,
  inBothSessionModes,
  issuedTokens,
  mockStats,
  signInThroughStreamsPage,
  signInWithMock,
} from '@livepush/demo-shared/e2e';
import { expect, type Page, test } from '@playwright/test';
import { COOKIE_SESSIONS_URL, mock } from './mock';

const USER = 'Ada Lovelace';
const OUTPUT = fileURLToPath(new URL('../.output', import.meta.url));
/** What build-canary.env handed `nuxt build` as secrets. */
const BUILD_SECRETS = readFileSync(new URL('../build-canary.env', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => /^NUXT_LIVEPUSH_\w+=/.test(line))
  .map((line) => line.slice(line.indexOf('=') + 1));

const signIn = (page: Page) => signInWithMock(page, mock);
const refreshes = async (since: number) => (await mockStats(mock)).refreshGrants - since;

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test('the first HTML is already signed in: profile, expiry and the streams, no loading state', async ({
  page,
}) => {
  await signIn(page);
  const html = await expectFirstHtmlSignedIn(page);
  // The streams list too: server/api/streams.get.ts ran during server rendering.
  expect(html).toMatch(/<ul aria-labelledby="streams-heading"[^>]*>.*Friday Night Live/s);
  for (const token of await issuedTokens(mock)) expect(html).not.toContain(token);
});

inBothSessionModes(test, COOKIE_SESSIONS_URL, (mode) => {
  test('a refresh during server rendering is persisted: one refresh at Livepush, none on the next request', async ({
    page,
  }) => {
    await signIn(page);
    await expectSignOutEverywhereOffered(page, mode);
    const before = (await mockStats(mock)).refreshGrants;
    await awayUntilDue(page, mock);
    expect(await refreshes(before), 'nothing refreshed while the app was closed').toBe(0);

    // A full page load: the plugin and the streams list both need a fresh token during server rendering.
    const document = page.waitForResponse((r) => r.request().resourceType() === 'document');
    await page.goto('/');
    const response = await document;
    const refreshedAt = Date.now();
    // Cookie sessions: the refreshed tokens ride on the page (HttpOnly); store: nothing does.
    expectRefreshPersisted(mode, await response.headersArray(), 'Set-Cookie on the page');
    await expect(page.getByRole('list', { name: 'Your streams' })).toBeVisible();
    await expect.poll(() => refreshes(before), { message: 'refreshes for the page' }).toBe(1);

    // The next server renders use the persisted session (a lost cookie would mean another refresh, or —
    // rotation — a spent refresh token and a signed-out user).
    await page.reload();
    await expect(page.getByRole('heading', { name: USER })).toBeVisible();
    await page.goto('/streams');
    await expect(page.getByRole('list', { name: 'Your streams' })).toBeVisible();
    const elapsed = Date.now() - refreshedAt;
    // The new token is fresh for (TTL − leeway) seconds; only within that window is "no refresh" a fact.
    if (elapsed > mock.dueAfterSeconds * 1000 - 500) {
      test.info().annotations.push({ type: 'slow', description: `reloads took ${elapsed} ms` });
      expect(await refreshes(before)).toBeLessThanOrEqual(2);
      return;
    }
    expect(await refreshes(before), 'refreshes after the next requests').toBe(1);
  });
});

test.describe('before the page hydrates (here: without JavaScript)', () => {
  test.use({ javaScriptEnabled: false });
  test('"Sign in with Livepush" is a plain form: Livepush, Approve, back signed in', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with Livepush' }).click();
    await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    // Server-rendered: the profile is there without any script.
    await expect(page.getByRole('heading', { name: USER })).toBeVisible();
  });
});

test.describe('definePageMeta({ livepush: { scopes: ["streams.read"] } })', () => {
  test('a signed-out first request is redirected by the server: Livepush (default scopes + streams.read) → back', async ({
    page,
  }) => {
    const response = await page.request.get('/streams', { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe(
      '/auth/login?scope=profile.read+streams.read&returnTo=%2Fstreams',
    );

    await signInThroughStreamsPage(page, mock);
  });

  test('a signed-out client-side navigation leaves for Livepush too, and comes back', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
    await page.getByRole('link', { name: 'Streams' }).click();
    await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page).toHaveURL(/\/streams$/);
    await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
  });

  test('a signed-in user goes in by link and by address', async ({ page }) => {
    await signIn(page);
    await page.getByRole('link', { name: 'Streams' }).click();
    await expect(page).toHaveURL(/\/streams$/);
    await expect(page.getByRole('list', { name: 'Your streams' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('list', { name: 'Your streams' })).toBeVisible();
  });

  test('a denied consent lands home with a readable error, not back on Livepush', async ({ page }) => {
    const before = await mockStats(mock);
    await page.goto('/streams');
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect(page.getByRole('alert')).toContainText(/denied|cancel/i);
    await expect(page).toHaveURL(/127\.0\.0\.1:5277\/$/);
    await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
    expect((await mockStats(mock)).authorizeRequests - before.authorizeRequests).toBe(1);
  });
});

test('two tabs: signing out in one signs the other out within two seconds; a sign-in is picked up on focus', async ({
  context,
}) => {
  const first = await context.newPage();
  await signIn(first);
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByRole('heading', { name: USER })).toBeVisible();

  const started = Date.now();
  await first.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(second.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible({ timeout: 2_000 });
  test.info().annotations.push({ type: 'tab-sync-ms', description: String(Date.now() - started) });
  await expect(second.getByRole('heading', { name: USER })).toHaveCount(0);

  // Signed in again in the first tab: the second shows it once it has focus again.
  await signIn(first);
  await second.bringToFront();
  await second.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(second.getByRole('heading', { name: USER })).toBeVisible({ timeout: 2_000 });
});

test('server/api routes answer JSON: 401 signed out, 403 with the missing scope', async ({ page }) => {
  const signedOut = await page.request.get('/api/streams');
  expect(signedOut.status()).toBe(401);
  expect((await signedOut.json()).data).toEqual({ code: 'unauthenticated' });

  await signIn(page);
  const created = await page.request.post('/api/streams', {
    data: { name: 'Not yet' },
    headers: { origin: 'http://127.0.0.1:5277' },
  });
  expect(created.status()).toBe(403);
  expect((await created.json()).data).toEqual({ code: 'missing_scopes', missing: ['streams.create'] });
});

test('the build output holds no secret: not the ones nuxt build saw, not the mock’s, no token', async ({
  page,
}) => {
  await signIn(page);
  const tokens = await issuedTokens(mock);
  expect(tokens.length).toBeGreaterThan(1);
  expect(BUILD_SECRETS).toHaveLength(2);
  const server = files(join(OUTPUT, 'server')).filter((file) => !file.includes('node_modules'));
  const browser = files(join(OUTPUT, 'public'));
  expect(browser.some((file) => file.endsWith('.js'))).toBe(true);
  for (const file of [...browser, ...server]) {
    const text = readFileSync(file, 'utf8');
    for (const secret of [...BUILD_SECRETS, mock.sessionSecret, 'livepush-demo-secret'])
      expect(text.includes(secret), `${file} contains ${secret}`).toBe(false);
    for (const token of tokens) expect(text.includes(token), `${file} contains a token`).toBe(false);
  }
  // The runtime config each page carries (window.__NUXT__.config): where the routes are and the scopes,
  // nothing private.
  const html = await (await page.request.get('/')).text();
  const config = /window\.__NUXT__\.config=(.*?)<\/script>/.exec(html)?.[1] ?? '';
  expect(config).toContain('livepush:{basePath:"/auth",scopes:["profile.read","streams.read"]}');
  expect(config).not.toMatch(/clientSecret|clientId|redirectUri|secret|endpoints/);
});
