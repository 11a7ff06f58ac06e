// What only the SvelteKit demo shows: server-rendered session state, forms that work without JavaScript,
// a page protected in its `load`, and a refresh during client-side navigation (`__data.json`) that is kept
// (with the demo's session store, and again with cookie sessions: the SDK's default).
import {
  approveCreateConsent,
  denyOnStreamsPage,
  expectFirstHtmlSignedIn,
  expectRefreshPersisted,
  expectSignOutEverywhereOffered,
  inBothSessionModes,
  issuedTokens,
  keepFetchBodies,
  signInAndSleepUntilDue,
  signInThroughStreamsPage,
  signInWithMock,
} from '@livepush/demo-shared/e2e';
import { expect, type Page, test } from '@playwright/test';
import { COOKIE_SESSIONS_URL, mock } from './mock';

const USER = 'Ada Lovelace';

async function approve(page: Page) {
  await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
  await page.getByRole('button', { name: 'Approve' }).click();
}

const signIn = (page: Page) => signInWithMock(page, mock);

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('sign in, create a stream after incremental consent, sign out: all plain forms', async ({ page }) => {
    await signIn(page);
    await expect(page.getByRole('list', { name: 'Granted scopes' })).toContainText('streams.read');
    await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();

    const name = `No-JS stream ${Date.now()}`;
    // The action's requireScopes('streams.create') sends us to Livepush for just that scope.
    await approveCreateConsent(page, mock, name);
    // Back with the form as it was left (the action kept it across consent): nothing created yet, and
    // the page says one press creates it. Nothing replays the POST by itself.
    await expect(page.getByRole('status')).toHaveText(
      `Livepush granted streams.create. Press “Create stream” to create “${name}”.`,
    );
    await expect(page.getByLabel('Stream name')).toHaveValue(name);
    await expect(page.getByRole('list', { name: 'Your streams' })).not.toContainText(name);
    await page.getByRole('button', { name: 'Create stream' }).click();
    await expect(page.getByRole('list', { name: 'Your streams' })).toContainText(name);
    await expect(page.getByRole('status')).toHaveText(`Created “${name}”.`);
    await expect(page.getByRole('alert')).toHaveCount(0);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
    await expect(page.getByRole('heading', { name: USER })).toHaveCount(0);
    await page.goto('/streams'); // protected again: straight to Livepush
    await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
  });

  test('a denied consent shows a readable error', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with Livepush' }).click();
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect(page.getByRole('alert')).toContainText('denied');
    await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
  });
});

test('the consent page logs no console error (its icon is served)', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} at ${message.location().url}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Livepush' }).click();
  await expect(page).toHaveURL(new RegExp(`^${mock.url}/`));
  await expect(page.getByRole('list', { name: 'Requested permissions' })).toBeVisible();
  await page.waitForLoadState('load');
  // Chromium fetches the page's icon after the load; a 404 there was the error a newcomer saw.
  expect((await page.request.get(`${mock.url}/favicon.ico`)).status()).toBe(200);
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
});

test('the first HTML is already signed in (no loading state, no flash)', async ({ page }) => {
  await signIn(page);
  await expectFirstHtmlSignedIn(page);
});

test('/streams is protected in its load: signed out → Livepush (default scopes + streams.read) → back', async ({
  page,
}) => {
  await signInThroughStreamsPage(page, mock);
});

test('denying on /streams shows the error page once, without bouncing back to Livepush', async ({ page }) => {
  await denyOnStreamsPage(page, mock);
});

inBothSessionModes(test, COOKIE_SESSIONS_URL, (mode) => {
  test('a refresh during client-side navigation (__data.json) is persisted: one refresh at Livepush', async ({
    page,
  }) => {
    // The page keeps its own copy of each __data.json body. Chromium drops a response's body from its
    // network buffer once the page navigates, and SvelteKit's client-side navigation follows the data at
    // once: read through Playwright after that, the body was gone now and then ("navigated away from").
    const bodies = await keepFetchBodies(page, '/__data.json');
    // Sleep until the token is within the refresh leeway; only the /streams load will ask for it.
    const refreshes = await signInAndSleepUntilDue(page, mock);
    await expectSignOutEverywhereOffered(page, mode);
    // Status and headers come with the response event (no body read from the browser's buffer).
    const data = page
      .waitForResponse((r) => new URL(r.url()).pathname === '/streams/__data.json')
      .then(async (response) => ({ status: response.status(), headers: await response.headersArray() }));
    await page.getByRole('link', { name: 'Streams' }).click();
    const response = await data;
    const refreshedAt = Date.now();
    expect(response.status, '__data.json status').toBe(200);
    // Cookie sessions: the refreshed session rides on the data response (HttpOnly); store: nothing does.
    expectRefreshPersisted(mode, response.headers, 'Set-Cookie on __data.json');
    await expect
      .poll(async () => (await bodies()).length, { message: '__data.json bodies seen by the page' })
      .toBeGreaterThan(0);
    const body = (await bodies()).join('\n');
    for (const token of await issuedTokens(mock)) expect(body, '__data.json body').not.toContain(token);
    await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
    await expect.poll(refreshes, { message: 'refreshes after the data request' }).toBe(1);

    // Full reloads, server-rendered, use the persisted session: no second refresh (a lost cookie would mean
    // another one, or with rotation a spent refresh token and a signed-out user).
    await page.reload();
    await expect(page.getByRole('list', { name: 'Your streams' })).toBeVisible();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: USER })).toBeVisible();
    const elapsed = Date.now() - refreshedAt;
    // The new token is fresh for (TTL − leeway) seconds; only within that window is "no refresh" a fact.
    if (elapsed > mock.dueAfterSeconds * 1000 - 500) {
      test.info().annotations.push({ type: 'slow', description: `reloads took ${elapsed} ms` });
      expect(await refreshes(), 'refreshes after slow reloads').toBeLessThanOrEqual(2);
      return;
    }
    const expiry = (await page.getByTestId('expiry').textContent()) ?? '';
    const [minutes = '0', seconds = '0'] = expiry.split(':');
    expect(Number(minutes) * 60 + Number(seconds), `expiry shown: ${expiry}`).toBeGreaterThan(
      mock.effectiveLeewaySeconds,
    );
    expect(await refreshes(), 'refreshes after the reloads').toBe(1);
  });
});

test('a client-side navigation to /streams while signed out also leaves for Livepush (redirect from __data.json)', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
  await page.getByRole('link', { name: 'Streams' }).click();
  await approve(page);
  await expect(page).toHaveURL(/\/streams$/);
  await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
});
