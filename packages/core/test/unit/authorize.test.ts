import { describe, expect, it } from 'vitest';
import { LivepushAuthError } from '../../src/index';
import { createAuthorizationRequest, pkceChallenge } from '../../src/protocol/index';
import { testClient } from '../helpers';

describe('createAuthorizationRequest', () => {
  it('builds the documented authorize URL with state and PKCE S256', async () => {
    const client = testClient({ scopes: ['streams.read', 'profile.read'] });
    const request = await createAuthorizationRequest(client);
    const { searchParams } = request.url;
    expect(request.url.origin + request.url.pathname).toBe('https://id.example.test/oauth2/authorize');
    expect(searchParams.get('client_id')).toBe('client-123');
    expect(searchParams.get('redirect_uri')).toBe('http://127.0.0.1:3000/auth/callback');
    expect(searchParams.get('response_type')).toBe('code');
    expect(searchParams.get('scope')).toBe('profile.read streams.read');
    expect(searchParams.get('state')).toBe(request.state);
    expect(request.state).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(searchParams.get('code_challenge_method')).toBe('S256');
    expect(searchParams.get('code_challenge')).toBe(await pkceChallenge(request.codeVerifier!));
    expect(request.url.toString()).not.toContain('super-secret');
    expect(request.scopes).toEqual(['profile.read', 'streams.read']);
  });

  it('uses fresh randomness every time', async () => {
    const client = testClient();
    const states = new Set<string>();
    for (let i = 0; i < 50; i++) states.add((await createAuthorizationRequest(client)).state);
    expect(states.size).toBe(50);
  });

  it('honours the comma separator, explicit scopes, pkce: false and extra params (reserved ones ignored)', async () => {
    const client = testClient({ scopeSeparator: ',', pkce: false });
    const request = await createAuthorizationRequest(client, {
      scopes: 'streams.create streams.read',
      extraParams: { prompt: 'consent', state: 'evil', client_id: 'evil' },
    });
    expect(request.url.searchParams.get('scope')).toBe('streams.read,streams.create');
    expect(request.url.searchParams.has('code_challenge')).toBe(false);
    expect(request.codeVerifier).toBeUndefined();
    expect(request.url.searchParams.get('prompt')).toBe('consent');
    expect(request.url.searchParams.get('state')).toBe(request.state);
    expect(request.url.searchParams.get('client_id')).toBe('client-123');
  });

  it('rejects unknown scopes', async () => {
    await expect(
      createAuthorizationRequest(testClient(), { scopes: ['streams.raed'] }),
    ).rejects.toMatchObject({
      code: 'invalid_scope',
    });
    await expect(createAuthorizationRequest(testClient(), { scopes: 'x' })).rejects.toBeInstanceOf(
      LivepushAuthError,
    );
  });

  it('PKCE challenge matches RFC 7636 appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });
});
