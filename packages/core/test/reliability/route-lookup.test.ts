import { describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import { setupTest } from '../integration/harness';

/** Every name `Object.prototype` answers to, and a few it does not but a careless lookup might. */
const PROTOTYPE_NAMES = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    'prototype',
    '__proto__',
    'constructor.prototype',
  ]),
];

describe('route lookup never sees Object.prototype', () => {
  it(`/auth/<name> for ${PROTOTYPE_NAMES.length} names answers 404, logs nothing and calls no onError`, async () => {
    const logged: string[] = [];
    const errors: LivepushAuthError[] = [];
    const { browser } = await setupTest({
      auth: {
        logger: { debug() {}, warn: (m) => void logged.push(m), error: (m) => void logged.push(m) },
        onError: (error) => void errors.push(error),
      },
    });
    const statuses = new Map<string, number>();
    for (const name of PROTOTYPE_NAMES) {
      for (const path of [
        `/auth/${name}`,
        `/auth/${encodeURIComponent(name)}`,
        `/auth/${name}/x`,
        `/auth/api/${name}`,
        `/auth/api/${name}/x`,
      ]) {
        for (const method of ['GET', 'POST', 'OPTIONS']) {
          const response = await browser.app(path, { method, headers: { origin: 'http://127.0.0.1:3000' } });
          statuses.set(`${method} ${path}`, response.status);
        }
      }
    }
    const wrong = [...statuses].filter(([, status]) => status !== 404);
    expect(wrong).toEqual([]);
    expect(logged).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('Object.prototype names anywhere in a request', () => {
  it('as scopes, returnTo, query parameters, cookie names and API paths: a 4xx or a clean answer, never a 5xx or an error log', async () => {
    const logged: string[] = [];
    const { browser } = await setupTest({
      auth: { logger: { debug() {}, warn() {}, error: (m) => void logged.push(m) } },
    });
    await browser.signIn();
    const statuses: number[] = [];
    for (const name of PROTOTYPE_NAMES) {
      const encoded = encodeURIComponent(name);
      for (const path of [
        `/auth/login?scope=${encoded}`,
        `/auth/login?returnTo=/${encoded}&${encoded}=1`,
        `/auth/callback?state=${encoded}&code=${encoded}&${encoded}=x`,
        `/auth/session?${encoded}=1`,
        `/auth/api/streams/${encoded}`,
        `/auth/api/accounts/account/${encoded}`,
      ]) {
        const response = await browser.auth.handler(
          new Request(`http://127.0.0.1:3000${path}`, {
            headers: { cookie: `${browser.cookieHeader()}; ${name}=1; livepush_session_tx.${name}=v1.x` },
          }),
        );
        statuses.push(response.status);
      }
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(logged).toEqual([]);
  });
});
