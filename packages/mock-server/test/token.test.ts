import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT } from '../src/index';
import {
  basicAuth,
  CLIENT_PARAMS,
  callApi,
  type ErrorBody,
  exchangeCode,
  jwtClaims,
  obtainCode,
  pkcePair,
  REDIRECT_URI,
  refreshGet,
  startMock,
  type TokenBody,
  tokenGet,
  tokenPost,
} from './helpers';

async function expectTokenError(response: Response, status: number, error: string): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as ErrorBody;
  expect(body.error).toBe(error);
  expect(typeof body.error_description).toBe('string');
  return body;
}

describe('authorization code grant', () => {
  it('answers the documented GET request with exactly the documented body', async () => {
    const mock = await startMock({ tokenFormat: 'jwt' });
    const code = await obtainCode(mock);
    const response = await tokenGet(mock, {
      code,
      ...CLIENT_PARAMS,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as TokenBody;
    expect(Object.keys(body)).toEqual(['access_token', 'refresh_token', 'token_type', 'expires_in']);
    expect(body.token_type).toBe('access_token');
    expect(body.expires_in).toBe(3600);
    expect(body.refresh_token).toMatch(/^[\w-]{40,}$/);
    expect(body.access_token.length).toBeGreaterThan(500);
    expect(body.access_token.length).toBeLessThan(1100);
    const claims = jwtClaims(body.access_token);
    expect(claims).toMatchObject({
      sub: '64b7f3a2c9e77a0012d4e5f1',
      client_id: DEFAULT_CLIENT.clientId,
      scope: 'profile.read streams.read',
    });
    expect(claims.exp).toBe((claims.iat as number) + 3600);
    expect(typeof claims.jti).toBe('string');
    expect(mock.stats()).toMatchObject({ tokenRequests: 1, codeGrants: 1, tokenErrors: 0 });
  });

  it('answers the RFC 6749 POST form request too', async () => {
    const mock = await startMock();
    const code = await obtainCode(mock);
    const response = await tokenPost(mock, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      ...CLIENT_PARAMS,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenBody;
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', body.access_token)).status).toBe(200);
  });

  it('accepts HTTP Basic client authentication with form-urlencoded credentials (RFC 6749 §2.3.1)', async () => {
    const client = { clientId: 'my app:1', clientSecret: 'p@ss+w:rd/é%', redirectUris: [REDIRECT_URI] };
    const mock = await startMock({ clients: [client], tokenFormat: 'jwt' });
    const code = await obtainCode(mock, { client_id: client.clientId });
    const response = await tokenPost(
      mock,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      { authorization: basicAuth(client.clientId, client.clientSecret) },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenBody;
    expect(jwtClaims(body.access_token).client_id).toBe('my app:1');
  });

  describe('client authentication failures → 401 invalid_client', () => {
    it.each([
      ['unknown client', { client_id: 'nobody', client_secret: 'x' }],
      ['wrong secret', { client_id: DEFAULT_CLIENT.clientId, client_secret: 'wrong' }],
      ['no secret', { client_id: DEFAULT_CLIENT.clientId }],
      ['no credentials at all', {}],
    ])('%s', async (_name, credentials) => {
      const mock = await startMock();
      const code = await obtainCode(mock);
      const response = await tokenGet(mock, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        ...credentials,
      });
      await expectTokenError(response, 401, 'invalid_client');
      expect(response.headers.get('www-authenticate')).toBeNull();
      expect(mock.stats()).toMatchObject({ tokenErrors: 1, codeGrants: 0 });
    });

    it('with Basic: wrong secret or malformed header, and a WWW-Authenticate challenge', async () => {
      const mock = await startMock();
      const params = { grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT_URI };
      for (const authorization of [
        basicAuth(DEFAULT_CLIENT.clientId, 'wrong'),
        'Basic !!!',
        'Basic bm9jb2xvbg==',
      ]) {
        const response = await tokenPost(mock, params, { authorization });
        await expectTokenError(response, 401, 'invalid_client');
        expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      }
    });

    it('rejects two authentication methods at once with invalid_request', async () => {
      const mock = await startMock();
      const code = await obtainCode(mock);
      const response = await tokenPost(
        mock,
        { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...CLIENT_PARAMS },
        { authorization: basicAuth(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret) },
      );
      await expectTokenError(response, 400, 'invalid_request');
      const mismatch = await tokenPost(
        mock,
        { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: 'other' },
        { authorization: basicAuth(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret) },
      );
      await expectTokenError(mismatch, 400, 'invalid_request');
    });
  });

  describe('request errors', () => {
    it('invalid_request for missing grant_type, code or redirect_uri, and repeated parameters', async () => {
      const mock = await startMock();
      const code = await obtainCode(mock);
      await expectTokenError(
        await tokenGet(mock, { code, redirect_uri: REDIRECT_URI, ...CLIENT_PARAMS }),
        400,
        'invalid_request',
      );
      await expectTokenError(
        await tokenGet(mock, {
          grant_type: 'authorization_code',
          redirect_uri: REDIRECT_URI,
          ...CLIENT_PARAMS,
        }),
        400,
        'invalid_request',
      );
      await expectTokenError(
        await tokenGet(mock, { grant_type: 'authorization_code', code, ...CLIENT_PARAMS }),
        400,
        'invalid_request',
      );
      const repeated = new URL(mock.endpoints.token);
      for (const [name, value] of Object.entries({
        grant_type: 'authorization_code',
        code,
        ...CLIENT_PARAMS,
      })) {
        repeated.searchParams.append(name, value);
      }
      repeated.searchParams.append('code', code);
      await expectTokenError(await fetch(repeated), 400, 'invalid_request');
      // None of those burned the code.
      expect((await exchangeCode(mock, code)).token_type).toBe('access_token');
      expect(mock.stats()).toMatchObject({ tokenRequests: 5, tokenErrors: 4, codeGrants: 1 });
    });

    it('unsupported_grant_type for anything but authorization_code and refresh_token', async () => {
      const mock = await startMock();
      for (const grant_type of ['client_credentials', 'password', 'implicit']) {
        await expectTokenError(
          await tokenGet(mock, { grant_type, ...CLIENT_PARAMS }),
          400,
          'unsupported_grant_type',
        );
      }
    });

    it('invalid_request for a POST that is not a form, 405 for other methods', async () => {
      const mock = await startMock();
      const json = await fetch(mock.endpoints.token, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'refresh_token', ...CLIENT_PARAMS }),
      });
      await expectTokenError(json, 400, 'invalid_request');
      const put = await fetch(mock.endpoints.token, { method: 'PUT' });
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')).toBe('GET, POST');
      expect(((await put.json()) as ErrorBody).error).toBe('invalid_request');
      expect(mock.stats()).toMatchObject({ tokenRequests: 2, tokenErrors: 2 });
    });

    it('invalid_grant for an unknown code', async () => {
      const mock = await startMock();
      const response = await tokenGet(mock, {
        grant_type: 'authorization_code',
        code: 'never-issued',
        redirect_uri: REDIRECT_URI,
        ...CLIENT_PARAMS,
      });
      await expectTokenError(response, 400, 'invalid_grant');
    });
  });

  describe('code binding', () => {
    it('a code is bound to its client', async () => {
      const mock = await startMock({
        clients: [
          { clientId: 'a', clientSecret: 'sa', redirectUris: [REDIRECT_URI] },
          { clientId: 'b', clientSecret: 'sb', redirectUris: [REDIRECT_URI] },
        ],
      });
      const code = await obtainCode(mock, { client_id: 'a' });
      const response = await tokenGet(mock, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: 'b',
        client_secret: 'sb',
      });
      const body = await expectTokenError(response, 400, 'invalid_grant');
      expect(body.error_description).toContain('another client');
    });

    it('a code is bound to its redirect_uri, and a failed attempt burns it', async () => {
      const mock = await startMock();
      const code = await obtainCode(mock);
      const wrong = await tokenGet(mock, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://127.0.0.1:5173/elsewhere',
        ...CLIENT_PARAMS,
      });
      expect((await expectTokenError(wrong, 400, 'invalid_grant')).error_description).toContain(
        'redirect_uri',
      );
      const retry = await tokenGet(mock, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        ...CLIENT_PARAMS,
      });
      await expectTokenError(retry, 400, 'invalid_grant');
    });

    it('a code expires after codeTtlSeconds (injected clock)', async () => {
      let now = 1_700_000_000_000;
      const mock = await startMock({ now: () => now, codeTtlSeconds: 30 });
      const fresh = await obtainCode(mock);
      now += 29_999;
      expect((await exchangeCode(mock, fresh)).access_token).toBeTruthy();
      const stale = await obtainCode(mock);
      now += 30_000;
      const response = await tokenGet(mock, {
        grant_type: 'authorization_code',
        code: stale,
        redirect_uri: REDIRECT_URI,
        ...CLIENT_PARAMS,
      });
      expect((await expectTokenError(response, 400, 'invalid_grant')).error_description).toContain('expired');
    });

    it('the default code lifetime is 60 s', async () => {
      let now = 1_700_000_000_000;
      const mock = await startMock({ now: () => now });
      const code = await obtainCode(mock);
      now += 60_000;
      const response = await tokenGet(mock, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        ...CLIENT_PARAMS,
      });
      await expectTokenError(response, 400, 'invalid_grant');
    });
  });

  describe('code replay (RFC 6749 §10.5)', () => {
    it('a reused code fails with invalid_grant and revokes every token issued from it, refreshed ones too', async () => {
      const mock = await startMock();
      const code = await obtainCode(mock);
      const first = await exchangeCode(mock, code);
      const refreshed = (await (await refreshGet(mock, first.refresh_token)).json()) as TokenBody;
      expect(
        (await callApi(mock.endpoints.accountsApi, '/account/this', refreshed.access_token)).status,
      ).toBe(200);
      const unrelated = await exchangeCode(mock, await obtainCode(mock));

      const replay = await tokenGet(mock, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        ...CLIENT_PARAMS,
      });
      await expectTokenError(replay, 400, 'invalid_grant');

      for (const token of [first.access_token, refreshed.access_token]) {
        expect((await callApi(mock.endpoints.accountsApi, '/account/this', token)).status).toBe(401);
      }
      await expectTokenError(await refreshGet(mock, refreshed.refresh_token), 400, 'invalid_grant');
      // Tokens from another code are untouched.
      expect(
        (await callApi(mock.endpoints.accountsApi, '/account/this', unrelated.access_token)).status,
      ).toBe(200);
      expect((await refreshGet(mock, unrelated.refresh_token)).status).toBe(200);
    });
  });

  describe('PKCE (RFC 7636, S256)', () => {
    it('redeems a code with the right verifier', async () => {
      const mock = await startMock();
      const { verifier, challenge } = pkcePair();
      const code = await obtainCode(mock, { code_challenge: challenge, code_challenge_method: 'S256' });
      expect((await exchangeCode(mock, code, { code_verifier: verifier })).token_type).toBe('access_token');
    });

    it.each([
      ['a wrong verifier', () => ({ code_verifier: pkcePair().verifier })],
      ['a malformed verifier', () => ({ code_verifier: 'short' })],
      ['a missing verifier', () => ({})],
    ])('rejects %s with invalid_grant', async (_name, extra) => {
      const mock = await startMock();
      const { challenge } = pkcePair();
      const code = await obtainCode(mock, { code_challenge: challenge, code_challenge_method: 'S256' });
      const response = await tokenGet(mock, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        ...CLIENT_PARAMS,
        ...extra(),
      });
      const body = await expectTokenError(response, 400, 'invalid_grant');
      expect(body.error_description).toContain('code_verifier');
      expect(mock.stats().codeGrants).toBe(0);
    });

    it('rejects a verifier when the authorization request had no challenge (downgrade)', async () => {
      const mock = await startMock();
      const code = await obtainCode(mock);
      const response = await tokenGet(mock, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        ...CLIENT_PARAMS,
        code_verifier: pkcePair().verifier,
      });
      await expectTokenError(response, 400, 'invalid_grant');
    });
  });
});

describe('refresh token grant', () => {
  it('rotates by default: a new pair, the old refresh token then fails, the old access token still works', async () => {
    const mock = await startMock({ tokenFormat: 'jwt' });
    const first = await exchangeCode(mock, await obtainCode(mock));
    const response = await refreshGet(mock, first.refresh_token);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const second = (await response.json()) as TokenBody;
    expect(Object.keys(second)).toEqual(['access_token', 'refresh_token', 'token_type', 'expires_in']);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(jwtClaims(second.access_token).scope).toBe('profile.read streams.read');
    await expectTokenError(await refreshGet(mock, first.refresh_token), 400, 'invalid_grant');
    expect((await refreshGet(mock, second.refresh_token)).status).toBe(200);
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', first.access_token)).status).toBe(200);
    expect(mock.stats()).toMatchObject({ refreshGrants: 2, tokenErrors: 1 });
  });

  it("refreshTokenReuse 'reject' (default): a replayed refresh token fails alone and is counted", async () => {
    const mock = await startMock();
    const first = await exchangeCode(mock, await obtainCode(mock));
    const second = (await (await refreshGet(mock, first.refresh_token)).json()) as TokenBody;
    const replay = await expectTokenError(await refreshGet(mock, first.refresh_token), 400, 'invalid_grant');
    expect(replay.error_description).toMatch(/already used/);
    expect(mock.stats()).toMatchObject({ refreshGrants: 1, refreshTokenReplays: 1 });
    // Nothing else changed: the newest pair still works.
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', second.access_token)).status).toBe(
      200,
    );
    expect((await refreshGet(mock, second.refresh_token)).status).toBe(200);
    // An unknown token is no replay.
    await expectTokenError(await refreshGet(mock, 'made-up'), 400, 'invalid_grant');
    expect(mock.stats().refreshTokenReplays).toBe(1);
  });

  it("refreshTokenReuse 'revoke-grant': a replay revokes every token of the grant (RFC 9700 §4.14.2)", async () => {
    const mock = await startMock({ refreshTokenReuse: 'revoke-grant' });
    const first = await exchangeCode(mock, await obtainCode(mock));
    const other = mock.issueTokens({ scopes: ['profile.read'] });
    const second = (await (await refreshGet(mock, first.refresh_token)).json()) as TokenBody;
    const replay = await expectTokenError(await refreshGet(mock, first.refresh_token), 400, 'invalid_grant');
    expect(replay.error_description).toMatch(/grant is now revoked/);
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', second.access_token)).status).toBe(
      401,
    );
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', first.access_token)).status).toBe(401);
    await expectTokenError(await refreshGet(mock, second.refresh_token), 400, 'invalid_grant');
    // Another grant of the same user is untouched.
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', other.access_token)).status).toBe(200);
    expect((await refreshGet(mock, other.refresh_token)).status).toBe(200);
    expect(mock.stats()).toMatchObject({ refreshGrants: 2, refreshTokenReplays: 1 });
  });

  it('refreshTokenReuse is validated', async () => {
    await expect(startMock({ refreshTokenReuse: 'ignore' as unknown as 'reject' })).rejects.toThrow(
      /refreshTokenReuse must be 'reject' or 'revoke-grant'/,
    );
  });

  it('keeps the same refresh token (and returns it) when rotateRefreshTokens is false', async () => {
    const mock = await startMock({ rotateRefreshTokens: false });
    const first = await exchangeCode(mock, await obtainCode(mock));
    for (let round = 0; round < 3; round += 1) {
      const next = (await (await refreshGet(mock, first.refresh_token)).json()) as TokenBody;
      expect(next.refresh_token).toBe(first.refresh_token);
      expect(next.access_token).not.toBe(first.access_token);
    }
    expect(mock.stats().refreshGrants).toBe(3);
  });

  it('works as a POST form and with Basic authentication', async () => {
    const mock = await startMock();
    const first = await exchangeCode(mock, await obtainCode(mock));
    const response = await tokenPost(
      mock,
      { grant_type: 'refresh_token', refresh_token: first.refresh_token },
      { authorization: basicAuth(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret) },
    );
    expect(response.status).toBe(200);
  });

  it('a refresh token is bound to its client', async () => {
    const mock = await startMock({
      clients: [
        { clientId: 'a', clientSecret: 'sa', redirectUris: [REDIRECT_URI] },
        { clientId: 'b', clientSecret: 'sb', redirectUris: [REDIRECT_URI] },
      ],
    });
    const tokens = mock.issueTokens({ scopes: ['profile.read'], clientId: 'a' });
    const stolen = await tokenGet(mock, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: 'b',
      client_secret: 'sb',
    });
    await expectTokenError(stolen, 400, 'invalid_grant');
    const own = await tokenGet(mock, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: 'a',
      client_secret: 'sa',
    });
    expect(own.status).toBe(200);
  });

  it('invalid_request without refresh_token, invalid_grant for an unknown one', async () => {
    const mock = await startMock();
    await expectTokenError(
      await tokenGet(mock, { grant_type: 'refresh_token', ...CLIENT_PARAMS }),
      400,
      'invalid_request',
    );
    await expectTokenError(await refreshGet(mock, 'made-up'), 400, 'invalid_grant');
  });

  it('may narrow the scopes, never widen them (RFC 6749 §6)', async () => {
    const mock = await startMock({ tokenFormat: 'jwt' });
    const tokens = mock.issueTokens({ scopes: ['profile.read', 'streams.read'] });
    await expectTokenError(
      await refreshGet(mock, tokens.refresh_token, { scope: 'profile.read streams.create' }),
      400,
      'invalid_scope',
    );
    await expectTokenError(
      await refreshGet(mock, tokens.refresh_token, { scope: 'nope' }),
      400,
      'invalid_scope',
    );
    const narrowed = (await (
      await refreshGet(mock, tokens.refresh_token, { scope: 'streams.read' })
    ).json()) as TokenBody;
    expect(jwtClaims(narrowed.access_token).scope).toBe('streams.read');
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', narrowed.access_token)).status).toBe(
      403,
    );
  });

  it('revokeAllTokens makes every refresh token fail and every access token 401', async () => {
    const mock = await startMock();
    const tokens = await exchangeCode(mock, await obtainCode(mock));
    mock.revokeAllTokens();
    await expectTokenError(await refreshGet(mock, tokens.refresh_token), 400, 'invalid_grant');
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', tokens.access_token)).status).toBe(
      401,
    );
    // New tokens still work afterwards.
    const fresh = await exchangeCode(mock, await obtainCode(mock));
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', fresh.access_token)).status).toBe(200);
  });
});

describe('access token lifetime', () => {
  it('honours accessTokenTtlSeconds: valid until the second it expires, then 401 (injected clock)', async () => {
    let now = 1_700_000_000_000;
    const mock = await startMock({ now: () => now, accessTokenTtlSeconds: 5, tokenFormat: 'jwt' });
    const tokens = await exchangeCode(mock, await obtainCode(mock));
    expect(tokens.expires_in).toBe(5);
    const claims = jwtClaims(tokens.access_token);
    expect(claims.iat).toBe(1_700_000_000);
    expect(claims.exp).toBe(1_700_000_005);
    now += 4_999;
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', tokens.access_token)).status).toBe(
      200,
    );
    now += 1;
    const expired = await callApi(mock.endpoints.accountsApi, '/account/this', tokens.access_token);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as ErrorBody).message).toContain('expired');
    // The refresh token outlives the access token.
    const renewed = (await (await refreshGet(mock, tokens.refresh_token)).json()) as TokenBody;
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', renewed.access_token)).status).toBe(
      200,
    );
  });

  it('issueTokens takes its own lifetime, kept by refreshes of that grant', async () => {
    let now = 1_700_000_000_000;
    const mock = await startMock({ now: () => now });
    const tokens = mock.issueTokens({ scopes: ['profile.read'], accessTokenTtlSeconds: 2 });
    expect(tokens.expires_in).toBe(2);
    const refreshed = (await (await refreshGet(mock, tokens.refresh_token)).json()) as TokenBody;
    expect(refreshed.expires_in).toBe(2);
    now += 2_000;
    expect((await callApi(mock.endpoints.accountsApi, '/account/this', tokens.access_token)).status).toBe(
      401,
    );
  });

  it('issueTokens rejects unknown scopes and clients', async () => {
    const mock = await startMock();
    expect(() => mock.issueTokens({ scopes: ['profile.read', 'admin'] })).toThrow(/admin/);
    expect(() => mock.issueTokens({ scopes: ['profile.read'], clientId: 'nobody' })).toThrow(/nobody/);
    expect(() => mock.issueTokens({ scopes: ['profile.read'], accessTokenTtlSeconds: 0 })).toThrow(
      RangeError,
    );
  });
});
