import { expect, type Page, type test as playwrightTest } from '@playwright/test';

/**
 * Where the demo server under test keeps its sessions: `store` (the demos' memory store, the default)
 * or `cookie` (`DEMO_SESSIONS=cookie`: the SDK's default, the tokens sealed in the browser's cookies).
 */
export type SessionMode = 'store' | 'cookie';

/**
 * Registers the tests `register` defines twice: as they are, against the demo's own server (store mode),
 * and in a `cookie sessions` group against the same build started with `DEMO_SESSIONS=cookie` at
 * `cookieSessionsURL` (the config's second web server, see `demoE2EConfig({ cookieSessions })`).
 */
export function inBothSessionModes(
  test: typeof playwrightTest,
  cookieSessionsURL: string,
  register: (mode: SessionMode) => void,
): void {
  register('store');
  test.describe('cookie sessions', () => {
    test.use({ baseURL: cookieSessionsURL });
    register('cookie');
  });
}

/**
 * Checks the `Set-Cookie` headers of the response during which the server refreshed the session.
 * Cookie mode: the refreshed tokens go to the session's own token cookie, `livepush_session-<session
 * id>` (HttpOnly, so page JavaScript never sees it). Store mode: the refreshed tokens are saved in the
 * store and the browser's cookie, the session id, stays as it is — nothing rides on the response that
 * could be lost.
 */
export function expectRefreshPersisted(
  mode: SessionMode,
  headers: { name: string; value: string }[],
  what: string,
): void {
  const setCookie = headers
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value)
    .join('\n');
  if (mode === 'cookie') expect(setCookie, what).toMatch(/livepush_session-[\w-]{16}=.*HttpOnly/i);
  else expect(setCookie, what).not.toMatch(/livepush_session/);
}

/** "Sign out everywhere" is offered with the session store only (a cookie session cannot be revoked). */
export async function expectSignOutEverywhereOffered(page: Page, mode: SessionMode): Promise<void> {
  await expect(page.getByRole('button', { name: 'Sign out everywhere' })).toHaveCount(
    mode === 'store' ? 1 : 0,
  );
}
