import { describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import { setupTest } from '../integration/harness';

/** Every name `Object.prototype` answers to, and a few it does not but a careless lookup might. */
const PROTOTYPE_NAMES = [
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
  '__proto__',
  'constructor.prototype',
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
