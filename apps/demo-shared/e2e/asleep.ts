import type { Page } from '@playwright/test';
import type { E2EMock } from './scenarios';

/**
 * Lets a page sleep through its token's due time, as on a laptop whose lid was closed: the page's
 * timers stand still (Playwright's clock, paused) while real time passes until the server finds the
 * token due (`dueAfterSeconds` + 1 s). The browser store therefore cannot refresh ahead of expiry
 * (which it does, awake, at `ttl − 2 × leeway`): the page's next request is the one that finds the
 * token due. Call `page.clock.install()` before the page loads.
 */
export async function sleepUntilDue(page: Page, mock: E2EMock): Promise<void> {
  await page.clock.pauseAt(Date.now() + 1_000);
  await new Promise((resolve) => setTimeout(resolve, mock.dueAfterSeconds * 1000 + 1_000));
  await page.clock.resume();
}

/**
 * Leaves the app (the tab shows `about:blank`) until the server finds the token due: no page, so
 * nothing refreshes ahead; the next page load is the request that finds the token due.
 */
export async function awayUntilDue(page: Page, mock: E2EMock): Promise<void> {
  await page.goto('about:blank');
  await new Promise((resolve) => setTimeout(resolve, mock.dueAfterSeconds * 1000 + 1_000));
}
