import { expect, test } from '@playwright/test';

test.describe('vue-router guard (meta.livepushScopes)', () => {
  test('sends a signed-out visitor of /streams to Livepush and brings them back', async ({ page }) => {
    await page.goto('/streams');
    // The guard waited for the session, then started sign-in with the route's scopes.
    await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
    expect(new URL(page.url()).searchParams.get('scope')).toContain('streams.read');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page).toHaveURL(/\/streams$/);
    await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'Your streams' }).getByRole('listitem').first(),
    ).toBeVisible();
  });

  test('lets a signed-in user in, by link and by address', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with Livepush' }).click();
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'Streams' }).click();
    await expect(page).toHaveURL(/\/streams$/);
    await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
  });

  test('after a denied consent the visitor lands home with a readable error, not back on consent', async ({
    page,
  }) => {
    await page.goto('/streams');
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect(page.getByRole('alert')).toContainText('cancelled');
    await expect(page).toHaveURL(/127\.0\.0\.1:5274\/$/);
    await expect(page.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
    // A deliberate visit asks again.
    await page.getByRole('link', { name: 'Streams' }).click();
    await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
  });
});
