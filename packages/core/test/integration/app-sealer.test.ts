// auth.sealer(purpose): the app's own short-lived values (the SvelteKit adapter keeps form fields across
// a sign-in with it), sealed under keys derived from `secret` apart from the sessions' and each other's.

import { authOptions } from '@livepush/test-support';
import { describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import { createLivepushAuth } from '../../src/server/index';
import { rejection } from '../helpers';
import { SECRET, setupTest } from './harness';

describe('auth.sealer(purpose)', () => {
  it('seals and opens within one purpose and context, until it expires', async () => {
    let now = 1_000_000;
    const { auth } = await setupTest({ auth: { now: () => now } });
    const sealer = auth.sealer('form-resume');
    expect(auth.sealer('form-resume')).toBe(sealer);
    const sealed = await sealer.seal('/streams', { name: 'Launch' }, now + 60_000);
    expect(sealed).not.toContain('Launch');
    expect(await sealer.open('/streams', sealed)).toEqual({ name: 'Launch' });
    expect(await sealer.open('/elsewhere', sealed)).toBeNull();
    now += 61_000;
    expect(await sealer.open('/streams', sealed)).toBeNull();
  });

  it('keeps purposes and the sessions apart: no key opens what another sealed', async () => {
    const { auth, browser, mock } = await setupTest();
    await browser.signIn();
    const session = browser.jar.get('livepush_session')!;
    expect(await auth.sealer('livepush-auth').open('session', session)).toBeNull();
    const one = await auth.sealer('one').seal('ctx', 'value');
    expect(await auth.sealer('two').open('ctx', one)).toBeNull();
    // The same secret in another instance (another server of the app) opens it.
    const other = createLivepushAuth({ ...authOptions(mock), secret: SECRET });
    expect(await other.sealer('one').open('ctx', one)).toBe('value');
  });

  it('refuses a purpose it cannot name a key after', async () => {
    const { auth } = await setupTest();
    for (const purpose of ['', 'has space', 'x'.repeat(65), 42]) {
      const error = (await rejection(() => auth.sealer(purpose as string))) as LivepushAuthError;
      expect(error.code).toBe('invalid_request');
    }
  });
});
