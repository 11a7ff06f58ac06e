// createLivepushAuth's options: grouped where they belong together (session lifetime, cookie names),
// each one with a test that would fail without it.
import { describe, expect, it } from 'vitest';
import { LIVEPUSH_ENDPOINTS, type LivepushAuthError } from '../../src/index';
import { createLivepushAuth, type LivepushAuthOptions } from '../../src/server/index';
import { rejection } from '../helpers';
import { APP_ORIGIN, SECRET, setupTest } from './harness';

const valid: LivepushAuthOptions = {
  clientId: 'client',
  clientSecret: 'client-secret',
  redirectUri: `${APP_ORIGIN}/auth/callback`,
  secret: SECRET,
};

const configError = async (options: unknown) =>
  (await rejection(() => createLivepushAuth(options as LivepushAuthOptions))) as LivepushAuthError;

describe('createLivepushAuth options', () => {
  it('lists every problem at once, the groups included', async () => {
    const error = await configError({
      ...valid,
      secret: 'short',
      basePath: 'auth',
      session: { maxAgeSeconds: -1 },
      cookies: { name: 'bad name;' },
      trustedOrigins: ['not a url'],
      tokenEndpointAuthMethod: 'client_secret_basic',
      endpoints: { vodImportApi: 'http://vod.example.com', issuer: 'ftp://id.example.com' },
    });
    expect(error.code).toBe('invalid_config');
    for (const part of [
      'secret must be',
      'basePath must be',
      'session.maxAgeSeconds',
      'cookies.name',
      'trustedOrigins',
      "tokenRequestMethod: 'POST'",
      'endpoints.vodImportApi',
      'endpoints.issuer',
    ]) {
      expect(error.message).toContain(part);
    }
    expect((await configError({ ...valid, session: 3600, cookies: 'name' })).message).toMatch(
      /session must be an object[\s\S]*cookies must be an object/,
    );
  });

  it('says where the flat options of earlier versions went', async () => {
    const error = await configError({ ...valid, cookieName: 'app', sessionMaxAgeSeconds: 60 });
    expect(error.message).toContain('cookieName is now cookies.name');
    expect(error.message).toContain('sessionMaxAgeSeconds is now session.maxAgeSeconds');
  });

  it('defaults every endpoint to Livepush, the VOD import API included', () => {
    const auth = createLivepushAuth(valid);
    expect(auth.client.endpoints).toEqual(LIVEPUSH_ENDPOINTS);
    expect(auth.client.endpoints.vodImportApi).toBe('https://vod-web-import-api.livepush.io');
    expect(auth.client.endpoints.issuer).toBeUndefined();
    expect(auth.basePath).toBe('/auth');
  });

  it('cookies.name names the session cookie and the pending sign-ins', async () => {
    const { browser } = await setupTest({ auth: { cookies: { name: 'studio' } } });
    await browser.app('/auth/login');
    expect([...browser.jar.keys()].some((name) => name.startsWith('studio_tx.'))).toBe(true);
    await browser.signIn();
    expect(browser.jar.has('studio')).toBe(true);
    expect(browser.jar.has('livepush_session')).toBe(false);
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });
});

describe('fetchUser', () => {
  it('loads GET /account/this at sign-in by default (profile.read granted)', async () => {
    const { browser, mock } = await setupTest();
    await browser.signIn();
    expect(await browser.session()).toMatchObject({ user: { name: 'Ada Lovelace' } });
    expect(mock.stats().apiRequests).toBe(1);
  });

  it('fetchUser: false signs in without asking for the profile: user is null', async () => {
    const { browser, mock } = await setupTest({ auth: { fetchUser: false } });
    await browser.signIn();
    expect(await browser.session()).toMatchObject({ authenticated: true, user: null });
    expect(mock.stats().apiRequests).toBe(0);
  });
});
