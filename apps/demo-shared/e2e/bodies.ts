import type { Page } from '@playwright/test';

/**
 * Makes the page keep a copy of the body of each of its `fetch` responses whose path ends in
 * `pathSuffix` (e.g. SvelteKit's `/__data.json`, a Next.js RSC request to `/streams`), and returns a
 * reader of those copies. Chromium drops a body from its buffer once the page navigates on, so reading
 * it through Playwright afterwards fails now and then ("navigated away from"). Call before the page loads.
 */
export async function keepFetchBodies(page: Page, pathSuffix: string): Promise<() => Promise<string[]>> {
  await page.addInitScript((suffix) => {
    const bodies: string[] = [];
    Object.assign(window, { __livepushE2EBodies: bodies });
    const fetch = window.fetch.bind(window);
    window.fetch = async (...args) => {
      const response = await fetch(...args);
      if (new URL(response.url).pathname.endsWith(suffix)) bodies.push(await response.clone().text());
      return response;
    };
  }, pathSuffix);
  return () =>
    page.evaluate(() => (window as unknown as { __livepushE2EBodies: string[] }).__livepushE2EBodies);
}
