// Validation that guides (issue 22, item 7): each mistake a newcomer made is one `invalid_config` line
// that says what to write instead.
import { describe, expect, it } from 'vitest';
import { LIVEPUSH_ENDPOINTS, type LivepushAuthError } from '../../src/index';
import { createOAuthClient } from '../../src/protocol/index';
import { createLivepushAuth, type LivepushAuthOptions } from '../../src/server/index';
import { closestName } from '../../src/unknown-options';
import { rejection } from '../helpers';
import { EVERY_OPTION_UNDEFINED } from './undefined-options';

const valid: LivepushAuthOptions = {
  clientId: 'client',
  clientSecret: 'client-secret',
  redirectUri: 'http://127.0.0.1:3000/auth/callback',
  secret: 'a-session-secret-of-at-least-32-characters',
};

/** The lines of the `invalid_config` error `options` get (the first line says which call it was). */
async function problems(options: unknown): Promise<string[]> {
  const error = (await rejection(() =>
    createLivepushAuth(options as LivepushAuthOptions),
  )) as LivepushAuthError;
  expect(error.code).toBe('invalid_config');
  return error.message.split('\n').filter((line) => line.startsWith('- '));
}

describe('redirectUri', () => {
  it.each([
    ['localhost:3000/auth/callback', 'Write "http://localhost:3000/auth/callback"'],
    ['127.0.0.1:3000/auth/callback', 'Write "http://127.0.0.1:3000/auth/callback"'],
    ['app.example.com/auth/callback', 'Write "https://app.example.com/auth/callback"'],
  ])('without a scheme (%s) says which URL to write', async (redirectUri, fix) => {
    const [line, ...rest] = await problems({ ...valid, redirectUri });
    expect(rest).toEqual([]);
    expect(line).toContain('redirectUri must be an absolute URL starting with https://');
    expect(line).toContain('which has no scheme');
    expect(line).toContain(fix);
    expect(line).not.toContain('null');
  });

  it('built from an unset variable says so (SvelteKit: env.ORIGIN + "/auth/callback" without ORIGIN)', async () => {
    const [line] = await problems({ ...valid, redirectUri: `${undefined}/auth/callback` });
    expect(line).toContain('"undefined/auth/callback"');
    expect(line).toContain('the variable it was built from (e.g. ORIGIN) is not set');
  });

  it('with another scheme names it, and an empty one says what it got', async () => {
    expect(await problems({ ...valid, redirectUri: 'ftp://app.example.com/auth/callback' })).toEqual([
      '- redirectUri must use https (plain http is allowed only on localhost/127.0.0.1/[::1]); got the scheme "ftp:".',
    ]);
    expect((await problems({ ...valid, redirectUri: '' }))[0]).toContain(
      'e.g. "https://app.example.com/auth/callback"; got an empty string',
    );
  });

  it('outside basePath is refused: the callback would answer 404', async () => {
    expect(await problems({ ...valid, redirectUri: 'http://127.0.0.1:3000/callback' })).toEqual([
      '- redirectUri must be http://127.0.0.1:3000/auth/callback, the route that finishes sign-in (got the path "/callback", where the callback would answer 404): register http://127.0.0.1:3000/auth/callback with Livepush and use it here.',
    ]);
    // A trailing slash or another name under basePath is no route either (the table has `callback` only).
    for (const path of ['/auth/callback/', '/auth/oauth-callback', '/auth/login'])
      expect((await problems({ ...valid, redirectUri: `http://127.0.0.1:3000${path}` }))[0]).toContain(
        'redirectUri must be http://127.0.0.1:3000/auth/callback',
      );
  });

  it('under another prefix suggests the basePath that makes it the callback route', async () => {
    const [line] = await problems({ ...valid, redirectUri: 'https://app.example.com/api/auth/callback' });
    expect(line).toContain("set basePath: '/api/auth' (the routes then live there)");
    const auth = createLivepushAuth({
      ...valid,
      redirectUri: 'https://app.example.com/api/auth/callback',
      basePath: '/api/auth',
    });
    expect(auth.basePath).toBe('/api/auth');
    // A query on the registered URI is Livepush's business: the path is what routes.
    expect(() => createLivepushAuth({ ...valid, redirectUri: `${valid.redirectUri}?app=1` })).not.toThrow();
  });
});

describe('unknown option keys', () => {
  it('each is a line, with the option that was probably meant', async () => {
    expect(
      await problems({
        ...valid,
        scpoes: ['profile.read'],
        redirect_uri: valid.redirectUri,
        timeout: 5000,
        session: { maxAge: 60 },
        cookies: { nmae: 'app' },
        endpoints: { accountApi: 'http://127.0.0.1:4010/squid' },
        colour: 'blue',
      }),
    ).toEqual([
      '- unknown option "endpoints.accountApi": did you mean "endpoints.accountsApi"?',
      '- unknown option "scpoes": did you mean "scopes"?',
      '- unknown option "redirect_uri": did you mean "redirectUri"?',
      '- unknown option "timeout": did you mean "timeoutMs"?',
      '- unknown option "colour" (it would be ignored); the README lists every option.',
      '- unknown option "session.maxAge": did you mean "session.maxAgeSeconds"?',
      '- unknown option "cookies.nmae": did you mean "cookies.name"?',
    ]);
  });

  it('a group without a close name lists what it takes', async () => {
    expect(await problems({ ...valid, session: { zz: 60 } })).toEqual([
      '- unknown option "session.zz" (it would be ignored); session takes maxAgeSeconds, idleTimeoutSeconds.',
    ]);
  });

  it('the flat options of earlier versions keep their own line (not also "unknown")', async () => {
    expect(await problems({ ...valid, cookieName: 'app' })).toEqual(['- cookieName is now cookies.name.']);
  });

  it('createOAuthClient (the protocol entry) checks its own options the same way', async () => {
    const error = (await rejection(() =>
      createOAuthClient({ ...valid, secret: undefined, pcke: false } as never),
    )) as LivepushAuthError;
    expect(error.message).toContain('- unknown option "secret" (it would be ignored)');
    expect(error.message).toContain('- unknown option "pcke": did you mean "pkce"?');
  });

  it('closestName: spellings, prefixes and typos; nothing for what is far from every name', () => {
    const names = ['scopes', 'redirectUri', 'timeoutMs', 'leewaySeconds', 'pkce', 'fetch', 'now'];
    expect(closestName('REDIRECT-URI', names)).toBe('redirectUri');
    expect(closestName('leeway', names)).toBe('leewaySeconds');
    expect(closestName('scops', names)).toBe('scopes');
    expect(closestName('fecth', names)).toBe('fetch');
    expect(closestName('nwo', names)).toBe('now');
    expect(closestName('ttl', names)).toBeUndefined();
    expect(closestName('colour', names)).toBeUndefined();
  });
});

describe('an explicit undefined is the default (exactOptionalPropertyTypes)', () => {
  it('for every option, the groups and each endpoint included', () => {
    const auth = createLivepushAuth({
      ...valid,
      ...EVERY_OPTION_UNDEFINED,
      endpoints: {
        authorize: undefined,
        token: 'http://127.0.0.1:4010/oauth2/access_token',
        issuer: undefined,
      },
      session: { maxAgeSeconds: undefined },
      cookies: { name: undefined },
    });
    expect(auth.basePath).toBe('/auth');
    expect(auth.client.scopes).toEqual(['profile.read']);
    expect(auth.client.endpoints).toEqual({
      ...LIVEPUSH_ENDPOINTS,
      token: 'http://127.0.0.1:4010/oauth2/access_token',
    });
    expect('issuer' in auth.client.endpoints).toBe(false);
    expect(auth.client.pkce).toBe(true);
    expect(auth.client.timeoutMs).toBe(10_000);
  });

  it('endpoints: undefined (no mock configured) is Livepush', () => {
    expect(createLivepushAuth({ ...valid, endpoints: undefined }).client.endpoints).toEqual(
      LIVEPUSH_ENDPOINTS,
    );
  });
});
