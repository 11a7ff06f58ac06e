import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeReturnTo } from '../../src/server/index';
import { APP_ORIGIN, setup } from './harness';

/** Payloads that try to leave the app's origin (or smuggle a scheme) through returnTo. */
const ATTACKS = [
  'https://evil.example',
  'http://evil.example/path',
  '//evil.example',
  '///evil.example',
  '////evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  ' //evil.example',
  '\u0000//evil.example',
  '/%2f/evil.example',
  '/%2F%2Fevil.example',
  '/%5c/evil.example',
  '/%5C%5Cevil.example',
  '%2f%2fevil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  '/javascript:alert(1)//%0a',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'evil.example',
  '@evil.example',
  '/@evil.example/..//evil.example',
  'https:evil.example',
  'http:/evil.example',
  '/\u3000/evil.example',
  '/\u2028/evil.example',
  '/\ufeff/evil.example',
  '/%09/evil.example',
  '/%0d%0a/evil.example',
  `${APP_ORIGIN}.evil.example/`,
  `${APP_ORIGIN}@evil.example/`,
  'http://127.0.0.1:3000@evil.example',
  '/'.repeat(3000),
];

/** Paths that must survive unchanged. */
const SAFE = [
  '/',
  '/dashboard',
  '/streams?tab=mine&page=2',
  '/a/b/c#section',
  '/%E2%9C%93',
  '/search?q=a%20b',
];

describe('returnTo (open redirect corpus)', () => {
  it(`has at least 30 attack payloads (${ATTACKS.length})`, () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(30);
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
