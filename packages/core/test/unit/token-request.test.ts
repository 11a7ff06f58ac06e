import { describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import { exchangeCode, refreshTokenSet } from '../../src/protocol/index';
import { json, recordingFetch, rejection, testClient } from '../helpers';

const ok = () =>
  json({ access_token: 'new-at', refresh_token: 'new-rt', token_type: 'access_token', expires_in: 3600 });

describe('code grant', () => {
  it('sends the documented GET with every parameter in the query', async () => {
    const { fetch, requests } = recordingFetch(ok);
    const tokens = await exchangeCode(testClient({ fetch }), {
      code: 'the-code',
      codeVerifier: 'v'.repeat(43),
      requestedScopes: ['profile.read'],
    });
    expect(tokens.accessToken).toBe('new-at');
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe('GET');
    expect(request!.url.origin + request!.url.pathname).toBe(
      'https://tokens.example.test/oauth2/access_token',
    );
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'http://127.0.0.1:3000/auth/callback',
      code_verifier: 'v'.repeat(43),
      client_id: 'client-123',
      client_secret: 'super-secret-value-123',
    });
    expect(request!.body).toBe('');
  });

  it('sends an RFC 6749 form POST when configured', async () => {
    const { fetch, requests } = recordingFetch(ok);
    await exchangeCode(testClient({ fetch, tokenRequestMethod: 'POST' }), { code: 'c', requestedScopes: [] });
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.url.search).toBe('');
    expect(request!.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toMatchObject({
      grant_type: 'authorization_code',
      code: 'c',
    });
  });

  it("authenticates with HTTP Basic (RFC 6749 §2.3.1, form-encoded) under tokenEndpointAuthMethod: 'client_secret_basic'", async () => {
    const { fetch, requests } = recordingFetch(ok);
    const client = testClient({
      fetch,
      clientId: 'my app:1',
      clientSecret: 'p@ss+w:rd/é%',
      tokenRequestMethod: 'POST',
      tokenEndpointAuthMethod: 'client_secret_basic',
    });
    await exchangeCode(client, { code: 'c', requestedScopes: [] });
    const [request] = requests;
    const form = new URLSearchParams({ i: 'my app:1', s: 'p@ss+w:rd/é%' });
    const expected = `${form.toString().slice(2).replace('&s=', ':')}`;
    expect(request!.headers.get('authorization')).toBe(`Basic ${btoa(expected)}`);
    expect(atob(request!.headers.get('authorization')!.slice(6))).toBe(
      'my+app%3A1:p%40ss%2Bw%3Ard%2F%C3%A9%25',
    );
    const body = new URLSearchParams(request!.body);
    expect(body.has('client_id')).toBe(false);
    expect(body.has('client_secret')).toBe(false);
    expect(body.get('grant_type')).toBe('authorization_code');
  });

  it('refuses client_secret_basic with the documented GET (its credentials go in the query)', () => {
    expect(() => testClient({ tokenEndpointAuthMethod: 'client_secret_basic' })).toThrow(
      /client_secret_basic.*tokenRequestMethod: 'POST'/,
    );
    expect(() =>
      testClient({ tokenRequestMethod: 'POST', tokenEndpointAuthMethod: 'basic' as 'client_secret_basic' }),
    ).toThrow(/tokenEndpointAuthMethod must be/);
  });

  it('refuses an empty code before any request', async () => {
    const { fetch, requests } = recordingFetch(ok);
    const error = await rejection(() =>
      exchangeCode(testClient({ fetch }), { code: '', requestedScopes: [] }),
    );
    expect(error).toMatchObject({ code: 'invalid_request' });
    expect(requests).toHaveLength(0);
  });

  it('maps a rejected fetch to network_error without the URL (it carries the secret)', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed https://tokens.example.test/?client_secret=super-secret-value-123', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    };
    const error = (await rejection(
      exchangeCode(testClient({ fetch }), { code: 'c', requestedScopes: [] }),
    )) as LivepushAuthError;
    expect(error.code).toBe('network_error');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('super-secret');
    expect(String((error.cause as Error).message)).not.toContain('super-secret');
    expect(error.isTransient).toBe(true);
  });

  it('maps a slow answer to timeout', async () => {
    const fetch = (_input: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const error = (await rejection(
      exchangeCode(testClient({ fetch, timeoutMs: 20 }), { code: 'c', requestedScopes: [] }),
    )) as LivepushAuthError;
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('20 ms');
  });

  it('does not follow redirects (the GET carries the secret)', async () => {
    const { fetch, requests } = recordingFetch(() => json({}));
    await rejection(exchangeCode(testClient({ fetch }), { code: 'c', requestedScopes: [] }));
    expect(requests).toHaveLength(1);
    let seen: RequestInit | undefined;
    await rejection(
      exchangeCode(
        testClient({
          fetch: async (_i, init) => {
            seen = init;
            return new Response(null, { status: 302, headers: { location: 'https://evil.example' } });
          },
        }),
        { code: 'c', requestedScopes: [] },
      ),
    );
    expect(seen?.redirect).toBe('manual');
  });
});

describe('refresh grant', () => {
  const tokens = {
    accessToken: 'old-at',
    refreshToken: 'old-rt',
    tokenType: 'access_token',
    expiresAt: 0,
    scopes: ['streams.read' as const],
  };

  it('sends grant_type=refresh_token as a GET and keeps scopes', async () => {
    const { fetch, requests } = recordingFetch(ok);
    const fresh = await refreshTokenSet(testClient({ fetch }), tokens);
    expect(Object.fromEntries(requests[0]!.url.searchParams)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'old-rt',
      client_id: 'client-123',
      client_secret: 'super-secret-value-123',
    });
    expect(fresh).toMatchObject({ accessToken: 'new-at', refreshToken: 'new-rt', scopes: ['streams.read'] });
  });

  it('without a refresh token the session is over (unauthenticated), and no request is made', async () => {
    const { fetch, requests } = recordingFetch(ok);
    const { refreshToken: _, ...noRefresh } = tokens;
    expect(await rejection(refreshTokenSet(testClient({ fetch }), noRefresh))).toMatchObject({
      code: 'unauthenticated',
    });
    expect(requests).toHaveLength(0);
  });

  it('never puts the refresh token in an error message', async () => {
    const { fetch } = recordingFetch(() =>
      json({ error: 'invalid_grant', error_description: 'old-rt revoked' }, 400),
    );
    const error = (await rejection(
      refreshTokenSet(testClient({ fetch }), { ...tokens, refreshToken: 'refresh-token-xyz' }),
    )) as LivepushAuthError;
    expect(error.code).toBe('invalid_grant');
    expect(error.message).not.toContain('refresh-token-xyz');
  });
});
