import { Window } from 'happy-dom';
import { afterAll, beforeAll } from 'vitest';

const PAGE_GLOBALS = ['window', 'document', 'location', 'history'] as const;

/**
 * Installs a happy-dom page at `url` as the globals the browser store reads (`window`, `document`,
 * `location`, `history`) for the tests of this file, by hand: the server handler and the mock keep
 * Node's own fetch, Request and Response (happy-dom's hide Set-Cookie and apply CORS, as a browser would).
 */
export function usePage(url: string): void {
  let page: Window;
  beforeAll(() => {
    page = new Window({ url });
    Object.assign(globalThis, {
      window: page,
      document: page.document,
      location: page.location,
      history: page.history,
    });
  });
  afterAll(async () => {
    for (const name of PAGE_GLOBALS) Reflect.deleteProperty(globalThis, name);
    await page.happyDOM.close();
  });
}
