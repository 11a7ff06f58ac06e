import { type MockLivepush, startMockLivepush } from '@livepush/mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import {
  createAuthorizationRequest,
  createOAuthClient,
  createRefresher,
  exchangeCode,
  refreshTokenSet,
  validateCallback,
} from '../../src/protocol/index';

let mock: MockLivepush | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function client(method: 'GET' | 'POST', mockOptions: Parameters<typeof startMockLivepush>[0] = {}) {
  mock = await startMockLivepush({ consent: 'approve', ...mockOptions });
  return createOAuthClient({
    clientId: 'livepush-demo-client',
    clientSecret: 'livepush-demo-secret-not-for-production',
    redirectUri: 'http://127.0.0.1:3000/auth/callback',
    scopes: ['profile.read', 'streams.read'],
    endpoints: mock.endpoints,
    tokenRequestMethod: method,
  });
}

async function authorize(oauth: Awaited<ReturnType<typeof client>>) {
  const request = await createAuthorizationRequest(oauth);
  const response = await fetch(request.url, { redirect: 'manual' });
  const callback = new URL(response.headers.get('location')!);
  return { request, callback };
}

describe.each(['GET', 'POST'] as const)('protocol over real HTTP (%s token requests)', (method) => {
  it('code grant with PKCE, then refresh with rotation', async () => {
    const oauth = await client(method);
    const { request, callback } = await authorize(oauth);
    const { code } = validateCallback(callback, request.state);
    const tokens = await exchangeCode(oauth, {
      code,
      codeVerifier: request.codeVerifier,
      requestedScopes: request.scopes,
    });
    expect(tokens.tokenType).toBe('access_token');
    expect(tokens.scopes).toEqual(['profile.read', 'streams.read']);
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);

    const fresh = await refreshTokenSet(oauth, tokens);
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(fresh.refreshToken).not.toBe(tokens.refreshToken);
    // The rotated-out refresh token is dead.
    const error = (await refreshTokenSet(oauth, tokens).catch((e: unknown) => e)) as LivepushAuthError;
    expect(error.code).toBe('invalid_grant');
    expect(mock!.stats()).toMatchObject({ codeGrants: 1, refreshGrants: 1 });
  });

  it('a wrong PKCE verifier and a replayed code are invalid_grant', async () => {
    const oauth = await client(method);
    const { request, callback } = await authorize(oauth);
    const { code } = validateCallback(callback, request.state);
    const wrong = (await exchangeCode(oauth, {
      code,
      codeVerifier: 'x'.repeat(43),
      requestedScopes: [],
    }).catch((e: unknown) => e)) as LivepushAuthError;
    expect(wrong.code).toBe('invalid_grant');
    const second = await authorize(oauth);
    const secondCode = validateCallback(second.callback, second.request.state).code;
    await exchangeCode(oauth, {
      code: secondCode,
      codeVerifier: second.request.codeVerifier,
      requestedScopes: [],
    });
    const replay = (await exchangeCode(oauth, {
      code: secondCode,
      codeVerifier: second.request.codeVerifier,
      requestedScopes: [],
    }).catch((e: unknown) => e)) as LivepushAuthError;
    expect(replay.code).toBe('invalid_grant');
  });
});

describe('refresher against the mock', () => {
  it('100 concurrent refreshes → exactly 1 token request', async () => {
    const oauth = await client('GET');
    const issued = mock!.issueTokens({ scopes: ['streams.read'] });
    const tokens = {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      tokenType: 'access_token',
      expiresAt: 0,
      scopes: ['streams.read' as const],
    };
    const refresher = createRefresher(oauth);
    const before = mock!.stats().tokenRequests;
    const results = await Promise.all(Array.from({ length: 100 }, () => refresher.refresh(tokens)));
    expect(mock!.stats().tokenRequests - before).toBe(1);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
  });

  it('a non-rotating server keeps the refresh token', async () => {
    const oauth = await client('GET', { rotateRefreshTokens: false });
    const issued = mock!.issueTokens({ scopes: ['streams.read'] });
    const fresh = await refreshTokenSet(oauth, {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token,
      tokenType: 'access_token',
      expiresAt: 0,
      scopes: ['streams.read'],
    });
    expect(fresh.refreshToken).toBe(issued.refresh_token);
  });
});
