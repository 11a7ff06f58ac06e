import { describe, expect, it } from 'vitest';
import { LIVEPUSH_ENDPOINTS, LivepushAuthError } from '../../src/index';
import { createOAuthClient } from '../../src/protocol/index';
import { rejection } from '../helpers';

const valid = { clientId: 'id', clientSecret: 'secret', redirectUri: 'https://app.example/auth/callback' };

describe('createOAuthClient', () => {
  it('defaults to the documented Livepush endpoints, GET token requests, PKCE and a 10 s timeout', () => {
    const client = createOAuthClient(valid);
    expect(client.endpoints).toEqual(LIVEPUSH_ENDPOINTS);
    expect(client.tokenRequestMethod).toBe('GET');
    expect(client.scopeSeparator).toBe(' ');
    expect(client.pkce).toBe(true);
    expect(client.timeoutMs).toBe(10_000);
    expect(client.scopes).toEqual(['profile.read']);
    expect(Object.isFrozen(client)).toBe(true);
  });

  it('merges endpoint overrides and accepts http on loopback only', () => {
    const client = createOAuthClient({
      ...valid,
      endpoints: { token: 'http://127.0.0.1:4010/oauth2/access_token' },
    });
    expect(client.endpoints.token).toBe('http://127.0.0.1:4010/oauth2/access_token');
    expect(client.endpoints.authorize).toBe(LIVEPUSH_ENDPOINTS.authorize);
    expect(() => createOAuthClient({ ...valid, endpoints: { token: 'http://tokens.example/x' } })).toThrow(
      /https/,
    );
  });

  it('lists every problem in one invalid_config error, without echoing the secret', async () => {
    const error = (await rejection(() =>
      createOAuthClient({
        clientId: '',
        clientSecret: '',
        redirectUri: 'not a url',
        scopes: 'profile.read nope',
        endpoints: { authorize: 'ftp://x', token: 'https://user:pw@t.example' },
        tokenRequestMethod: 'PUT' as 'GET',
        scopeSeparator: ';' as ' ',
        timeoutMs: -1,
        fetch: 'no' as unknown as typeof fetch,
      }),
    )) as LivepushAuthError;
    expect(error).toBeInstanceOf(LivepushAuthError);
    expect(error.code).toBe('invalid_config');
    for (const part of [
      'clientId',
      'clientSecret',
      'redirectUri',
      'scopes',
      'endpoints.authorize',
      'endpoints.token',
      'tokenRequestMethod',
      'scopeSeparator',
      'timeoutMs',
      'fetch',
    ]) {
      expect(error.message).toContain(part);
    }
    expect(error.message).not.toContain('pw@');
  });

  it('refuses a non-object and an empty scope list', () => {
    expect(() => createOAuthClient(null as never)).toThrow(LivepushAuthError);
    expect(() => createOAuthClient({ ...valid, scopes: [] })).toThrow(/at least one/);
  });
});

describe('base64url', () => {
  it('accepts only the canonical encoding (no malleable trailing bits)', async () => {
    const { fromBase64Url, toBase64Url } = await import('../../src/encoding');
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const text = toBase64Url(bytes); // 'AQIDBA': the last char carries 2 unused bits
    expect(fromBase64Url(text)).toEqual(bytes);
    expect(fromBase64Url(`${text.slice(0, -1)}B`)).toBeNull();
    expect(fromBase64Url('A')).toBeNull();
    expect(fromBase64Url('AQ=')).toBeNull();
  });
});
