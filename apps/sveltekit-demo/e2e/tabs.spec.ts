// @livepush/auth-sveltekit/client in the root layout: every open tab follows the others, as in the React
// and Vue demos (two pages of one browser context share cookies and the BroadcastChannel).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signInWithMock } from '@livepush/demo-shared/e2e';
import { expect, test } from '@playwright/test';
import { mock } from './mock';

const USER = 'Ada Lovelace';

test('signing out in one tab signs every other tab out within two seconds', async ({ context }) => {
  const first = await context.newPage();
  await signInWithMock(first, mock);
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByRole('heading', { name: USER })).toBeVisible();
  const third = await context.newPage();
  await third.goto('/');
  await expect(third.getByRole('heading', { name: USER })).toBeVisible();

  const started = Date.now();
  await first.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(first.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();
  for (const other of [second, third]) {
    await expect(other.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible({
      timeout: 2_000,
    });
    await expect(other.getByRole('heading', { name: USER })).toHaveCount(0);
  }
  const elapsed = Date.now() - started;
  test.info().annotations.push({ type: 'tab-sync-ms', description: String(elapsed) });
  expect(elapsed).toBeLessThan(2_000);
  expect(await first.evaluate(() => fetch('/auth/session').then((r) => r.json()))).toEqual({
    authenticated: false,
  });
});

test('a sign-in in another tab is picked up when this tab regains focus', async ({ context }) => {
  const waiting = await context.newPage();
  await waiting.goto('/');
  await expect(waiting.getByRole('button', { name: 'Sign in with Livepush' })).toBeVisible();

  const other = await context.newPage();
  await signInWithMock(other, mock);

  // Still signed out here until the tab is used again (no polling).
  await expect(waiting.getByRole('heading', { name: USER })).toHaveCount(0);
  await waiting.bringToFront();
  await waiting.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(waiting.getByRole('heading', { name: USER })).toBeVisible({ timeout: 2_000 });
  await expect(waiting.getByRole('heading', { name: 'Your streams' })).toBeVisible();
});

test('the store ships only with the layout that imports it: no page, no app entry', () => {
  // nodes/0 is the root layout; its chunk holds the store (the BroadcastChannel it opens is "livepush-auth").
  const dir = fileURLToPath(new URL('../build/client/_app/immutable', import.meta.url));
  const holders = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => /[`'"]livepush-auth[`'"]/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(dir, file));
  expect(holders).toEqual([expect.stringMatching(/^nodes\/0\.[\w-]+\.js$/)]);
});
