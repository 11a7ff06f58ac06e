import { signInWithMock } from '@livepush/demo-shared/e2e';
import { expect, type Page, test } from '@playwright/test';
import { mock } from './mock';

/** Console errors and warnings of `page` from now on (a hydration mismatch is reported there). */
function consoleProblems(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') seen.push(message.text());
  });
  page.on('pageerror', (error) => seen.push(error.message));
  return seen;
}

test('a signed-in page hydrates what the server rendered: no mismatch, no loading state', async ({
  page,
}) => {
  await signInWithMock(page, mock);
  const problems = consoleProblems(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your streams' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

test('a page back from a denied consent hydrates the error the server rendered', async ({ page }) => {
  const problems = consoleProblems(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with Livepush' }).click();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});
