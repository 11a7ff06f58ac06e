import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeReturnTo } from '../../src/server/index';
import { APP_ORIGIN, setup } from './harness';
import { ATTACKS, SAFE } from './open-redirect-corpus';

describe('returnTo (open redirect corpus)', () => {
  it(`has at least 60 attack payloads (${ATTACKS.length})`, () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(ATTACKS)('safeReturnTo refuses %j', (payload) => {
    const result = safeReturnTo(payload, APP_ORIGIN);
    expect(result).toBe('/');
  });

  it.each(SAFE)('safeReturnTo keeps %j', (path) => {
    expect(safeReturnTo(path, APP_ORIGIN)).toBe(path);
  });

  describe('through the real login → callback flow', () => {
    let env: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      env = await setup();
    });
    afterAll(() => env.close());

    it.each(ATTACKS)('lands on the app for %j', async (payload) => {
      const landed = await env.browser.signIn(`?returnTo=${encodeURIComponent(payload)}`);
      expect(landed.origin).toBe(APP_ORIGIN);
      expect(landed.pathname).toBe('/');
      expect(env.browser.locations.at(-1)).toBe('/');
    });
  });
});
