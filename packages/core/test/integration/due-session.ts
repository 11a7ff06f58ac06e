import { type setup, setupTest } from './harness';

/**
 * One clock for the app and the mock (epoch ms), moved by the test instead of sleeping or relying on
 * token lifetimes shorter than the refresh leeway.
 */
export interface TestClock {
  now: number;
}

/** {@link setupTest} with one injected clock driving the app and the mock. */
export async function setupWithClock(options: Parameters<typeof setup>[0] = {}) {
  const clock: TestClock = { now: Date.now() };
  const env = await setupTest({
    ...options,
    mock: { now: () => clock.now, ...options.mock },
    auth: { now: () => clock.now, ...options.auth },
  });
  return { ...env, clock };
}

/**
 * A signed-in browser whose access token is due: the clock is moved to 30 s before the token
 * expires, inside the 60 s leeway (the token still works at Livepush).
 */
export async function dueSession(options: Parameters<typeof setup>[0] = {}) {
  const env = await setupWithClock(options);
  await env.browser.signIn();
  const session = await env.browser.auth.getSession(
    new Request('http://127.0.0.1:3000/', { headers: { cookie: env.browser.cookieHeader() } }),
  );
  if (!session) throw new Error('sign-in failed');
  env.clock.now = session.expiresAt - 30_000;
  return env;
}
