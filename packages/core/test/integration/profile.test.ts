import type { MockUser } from '@livepush/mock-server';
import { describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import { createSealer, type FetchUserContext, type SessionRecord } from '../../src/server/index';
import { APP_ORIGIN, SECRET, setupTest } from './harness';

/** The fields Livepush documents for GET /account/this (shared/livepush-api.md). */
const DOCUMENTED = [
  'avatar',
  'billingInfo',
  'createdAt',
  'email',
  'id',
  'isDisabled',
  'name',
  'ns',
  'preferences',
  'username',
];

/** A Livepush that returns more than it documents: an internal flag, a payment detail, a nested secret. */
const UNDOCUMENTED = {
  passwordHash: '$argon2id$v=19$undocumented',
  internalRiskScore: 0.93,
  sessions: [{ ip: '203.0.113.9' }],
  billingInfo: { email: 'billing@example.com', name: 'Ada Lovelace', cardNumber: '4111111111111111' },
} as unknown as Partial<MockUser>;

/** The record sealed in the browser's session cookie, opened with the app's secret. */
async function sealedRecord(cookie: string): Promise<SessionRecord> {
  const opened = (await createSealer([SECRET]).open('session', cookie)) as { r: SessionRecord };
  return opened.r;
}

describe('only documented profile fields are sealed into the session and sent to the browser', () => {
  it('extra fields Livepush returns stay out of the cookie, /auth/session and getSession()', async () => {
    const { browser, auth } = await setupTest({ mock: { user: UNDOCUMENTED } });
    await browser.signIn();
    const { user } = (await browser.session()) as { user: Record<string, unknown> };
    expect(Object.keys(user).sort()).toEqual(DOCUMENTED);
    expect(user.billingInfo).toEqual({ email: 'billing@example.com', name: 'Ada Lovelace' });
    const record = await sealedRecord(browser.jar.get('livepush_session')!);
    expect(Object.keys(record.user!).sort()).toEqual(DOCUMENTED);
    const summary = await auth.getSession(
      new Request(`${APP_ORIGIN}/`, { headers: { cookie: browser.cookieHeader() } }),
    );
    expect(Object.keys(summary!.user!).sort()).toEqual(DOCUMENTED);
    const everything = JSON.stringify([browser.bodies, record]);
    for (const leaked of ['argon2id', '4111111111111111', '203.0.113.9', 'internalRiskScore'])
      expect(everything).not.toContain(leaked);
  });

  it('a documented field with the wrong type is dropped, not passed on', async () => {
    const { browser } = await setupTest({
      mock: {
        user: {
          isDisabled: 'no',
          preferences: ['x'],
          email: { html: '<b>' },
        } as unknown as Partial<MockUser>,
      },
    });
    await browser.signIn();
    const { user } = (await browser.session()) as { user: Record<string, unknown> };
    expect(user).not.toHaveProperty('isDisabled');
    expect(user).not.toHaveProperty('preferences');
    expect(user).not.toHaveProperty('email');
    expect(user.name).toBe('Ada Lovelace');
  });
});

describe('fetchUser as a function: the way to keep more (or less)', () => {
  it('is called once at sign-in with an API client acting as the new user; what it returns is the profile', async () => {
    const calls: FetchUserContext[] = [];
    const { browser, mock } = await setupTest({
      mock: { user: UNDOCUMENTED },
      auth: {
        scopes: ['profile.read', 'streams.read'],
        fetchUser: async (context) => {
          calls.push(context);
          const profile = await context.api.account.get();
          const streams = await context.api.streams.list();
          return { ...profile, streamCount: streams.length } as typeof profile;
        },
      },
    });
    await browser.signIn();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.scopes).toEqual(['profile.read', 'streams.read']);
    expect(new URL(calls[0]!.request.url).pathname).toBe('/auth/callback');
    const { user } = (await browser.session()) as { user: Record<string, unknown> };
    expect(user).toMatchObject({ passwordHash: '$argon2id$v=19$undocumented', streamCount: 3 });
    expect(mock.stats().apiRequests).toBe(2);
    // Later requests read the sealed profile; nothing calls the function again.
    await browser.session();
    expect(calls).toHaveLength(1);
  });

  it('may return less (or null) and runs without profile.read; a throw or a non-object leaves user null', async () => {
    const errors: LivepushAuthError[] = [];
    const warnings: string[] = [];
    const quiet = { debug() {}, error() {}, warn: (message: string) => void warnings.push(message) };
    const small = await setupTest({
      auth: { scopes: ['streams.read'], fetchUser: () => ({ id: 'u1' }) as never, logger: quiet },
    });
    await small.browser.signIn();
    expect(await small.browser.session()).toMatchObject({ authenticated: true, user: { id: 'u1' } });
    for (const fetchUser of [
      async () => {
        throw new Error('boom');
      },
      () => 'ada' as never,
    ]) {
      const env = await setupTest({
        auth: { fetchUser, logger: quiet, onError: (e) => void errors.push(e) },
      });
      await env.browser.signIn();
      expect(await env.browser.session()).toMatchObject({ authenticated: true, user: null });
    }
    expect(warnings).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('anything but a boolean or a function is an invalid_config', async () => {
    await expect(setupTest({ auth: { fetchUser: 'yes' as never } })).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('fetchUser must be true, false or a function'),
    });
  });
});
