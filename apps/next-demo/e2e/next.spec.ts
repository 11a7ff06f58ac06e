// What only the Next.js demo shows: Server Actions without JavaScript, the proxy refreshing a due session
// before a Server Component renders (once), guarding /streams, and a page outside the proxy whose
// refresh during rendering is handed to the next request rather than lost or replayed (the last two with
// the demo's session store, and again with cookie sessions: the SDK's default).
import { existsSync } from 'node:fs';
import {
  awayUntilDue,
  createStreamAfterConsent,
  denyOnStreamsPage,
  expectFirstHtmlSignedIn,
  expectRefreshPersisted,
  expectSignOutEverywhereOffered,
  inBothSessionModes,
  issuedTokens,
  keepFetchBodies,
  mockStats,
  signInAndSleepUntilDue,
  signInWithMock,
} from '@livepush/demo-shared/e2e';
import { expect, type Page, test } from '@playwright/test';
import { COOKIE_SESSIONS_URL, mock } from './mock';

const USER = 'Ada Lovelace';
const stats = () => mockStats(mock);
const signIn = (page: Page) => signInWithMock(page, mock);
/** The page's own alerts (Next.js' route announcer is one too, outside <main>). */
const alerts = (page: Page) => page.locator('main').getByRole('alert');

async function expirySeconds(page: Page): Promise<number> {
  const [minutes = '0', seconds = '0'] = ((await page.getByTestId('expiry').textContent()) ?? '').split(':');
  return Number(minutes) * 60 + Number(seconds);
}

test('served by `next start` from the production build', async ({ request }) => {
  expect(existsSync(new URL('../.next/BUILD_ID', import.meta.url))).toBe(true);
  // Only `next dev` serves its hot-reload endpoint.
  expect((await request.get('/_next/webpack-hmr')).status()).toBe(404);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('sign in and sign out through Server Actions (plain form posts)', async ({ page }) => {
    await signIn(page);
    await expect(page.getByRole('list', { name: 'Granted scopes' })).toContainText('streams.read');
    await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
    await expect(page.getByRole('heading', { name: USER })).toHaveCount(0);
    const session = await (await page.request.get('/auth/session')).json();
    expect(session).toEqual({ authenticated: false });
  });

  test('create a stream after incremental consent: a Server Action with requireScopes', async ({ page }) => {
    await signIn(page);
    await createStreamAfterConsent(page, mock, `No-JS stream ${Date.now()}`, alerts);
  });
});

test('the first HTML is already signed in (no loading state, no flash)', async ({ page }) => {
  await signIn(page);
  await expectFirstHtmlSignedIn(page);
});

test('/streams is guarded by the proxy: signed out → Livepush (default scopes + streams.read) → back', async ({
  page,
}) => {
  await page.goto('/streams');
  await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
  const scope = new URL(page.url()).searchParams.get('scope') ?? '';
  expect(scope.split(/[ ,]+/).sort()).toEqual(['profile.read', 'streams.read']);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page).toHaveURL(/\/streams$/);
  await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
});

test('a client-side navigation to /streams while signed out also leaves for Livepush, once', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
  const before = await stats();
  await page.getByRole('link', { name: 'Streams' }).click();
  await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
  // The router's fetch of the login route starts no sign-in: only the real navigation does.
  expect((await stats()).authorizeRequests - before.authorizeRequests).toBe(1);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page).toHaveURL(/\/streams$/);
  await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
});

test('denying on /streams shows the error once, without bouncing back to Livepush', async ({ page }) => {
  await denyOnStreamsPage(page, mock, alerts);
});

inBothSessionModes(test, COOKIE_SESSIONS_URL, (mode) => {
  test('a session due during a Server Component navigation is refreshed once, by the proxy; the next navigation refreshes nothing', async ({
    page,
  }) => {
    // The page keeps a copy of each RSC body: Chromium drops a body from its buffer once the router
    // moves on, so reading it through Playwright afterwards fails now and then.
    const bodies = await keepFetchBodies(page, '/streams');
    const refreshes = await signInAndSleepUntilDue(page, mock);
    await expectSignOutEverywhereOffered(page, mode);

    // The client-side navigation fetches the Server Components' payload (RSC) through the proxy.
    const rsc = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/streams' && r.request().headers().rsc === '1',
    );
    await page.getByRole('link', { name: 'Streams' }).click();
    const response = await rsc;
    expect(response.status()).toBe(200);
    // Cookie sessions: the refreshed tokens ride on the RSC response (HttpOnly); store: nothing does.
    expectRefreshPersisted(mode, await response.headersArray(), 'Set-Cookie on the RSC response');
    // The Server Component listed the streams with the refreshed token: one refresh, done by the proxy.
    await expect(page.getByRole('list', { name: 'Your streams' })).toBeVisible();
    await expect
      .poll(async () => (await bodies()).length, { message: 'RSC bodies seen by the page' })
      .toBeGreaterThan(0);
    const payload = (await bodies()).join('\n');
    for (const token of await issuedTokens(mock)) expect(payload, 'RSC payload').not.toContain(token);
    await expect(alerts(page)).toHaveCount(0);
    expect(await refreshes(), 'refreshes after the navigation').toBe(1);
    // The page's clock wakes up to real time (so its countdown shows the real expiry).
    await page.clock.setSystemTime(Date.now());

    await page.getByRole('link', { name: 'Home' }).click();
    await expect(page.getByRole('heading', { name: USER })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('list', { name: 'Your streams' })).toBeVisible();
    expect(await expirySeconds(page), 'the page shows the new expiry').toBeGreaterThan(
      mock.effectiveLeewaySeconds,
    );
    expect(await refreshes(), 'refreshes after the next navigations').toBe(1);
  });

  test('a refresh while rendering a page outside the proxy is handed to the next request, never replayed', async ({
    page,
  }) => {
    await signIn(page);
    const before = await stats();
    const refreshes = async () => (await stats()).refreshGrants - before.refreshGrants;
    await awayUntilDue(page, mock);

    // No proxy here: the Server Component's API call refreshes while rendering (no cookie can be set).
    await page.goto('/elsewhere');
    await expect(page.getByRole('heading', { name: 'Outside the proxy' })).toBeVisible();
    expect(await refreshes()).toBe(1);

    // The next request (through the proxy) gets the new session instead of refreshing the spent token
    // (cookie sessions: as the session's token cookie; store: it is in the store already).
    const next = await page.goto('/');
    expectRefreshPersisted(mode, (await next?.headersArray()) ?? [], 'Set-Cookie on the next request');
    await expect(page.getByRole('list', { name: 'Your streams' })).toBeVisible();
    await expect(alerts(page)).toHaveCount(0);
    expect(await expirySeconds(page), 'the page shows the new expiry').toBeGreaterThan(
      mock.effectiveLeewaySeconds,
    );
    await page.goto('/elsewhere');
    await expect(page.getByRole('heading', { name: 'Outside the proxy' })).toBeVisible();
    await page.reload();
    expect(await refreshes(), 'refreshes after the next requests').toBe(1);
    expect(await (await page.request.get('/auth/session')).json()).toMatchObject({ authenticated: true });
  });
});
