import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT, type MockLivepush } from '../src/index';
import { callApi, REDIRECT_URI, startMock } from './helpers';

/** oauth4webapi needs to be told that Livepush's `token_type: "access_token"` is a bearer token. */
const recognizedTokenTypes: oauth.RecognizedTokenTypes = { access_token: () => {} };
const insecure = { [oauth.allowInsecureRequests]: true } as const;

function authorizationServer(mock: MockLivepush): oauth.AuthorizationServer {
  return {
    issuer: mock.url,
    authorization_endpoint: mock.endpoints.authorize,
    token_endpoint: mock.endpoints.token,
  };
}

/** Follows the authorization request like a browser whose user clicks "Approve". */
async function approveInBrowser(authorizationUrl: URL): Promise<URL> {
  const page = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  expect(action).toBeDefined();
  expect(requestId).toBeDefined();
  const decision = await fetch(new URL(action!, authorizationUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId!, decision: 'approve' }),
  });
  expect(decision.status).toBe(302);
  return new URL(decision.headers.get('location')!);
}

describe('conformance with oauth4webapi (a client none of us wrote): POST, PKCE', () => {
  it.each([
    ['client_secret_post', oauth.ClientSecretPost(DEFAULT_CLIENT.clientSecret)],
    ['client_secret_basic', oauth.ClientSecretBasic(DEFAULT_CLIENT.clientSecret)],
  ])('code grant + refresh with %s', async (_name, clientAuth) => {
    const mock = await startMock();
    const as = authorizationServer(mock);
    const client: oauth.Client = { client_id: DEFAULT_CLIENT.clientId };
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
    const state = oauth.generateRandomState();

    const authorizationUrl = new URL(as.authorization_endpoint!);
    authorizationUrl.searchParams.set('client_id', client.client_id);
    authorizationUrl.searchParams.set('redirect_uri', REDIRECT_URI);
    authorizationUrl.searchParams.set('response_type', 'code');
    authorizationUrl.searchParams.set('scope', 'profile.read streams.read');
    authorizationUrl.searchParams.set('state', state);
    authorizationUrl.searchParams.set('code_challenge', codeChallenge);
    authorizationUrl.searchParams.set('code_challenge_method', 'S256');

    const callbackUrl = await approveInBrowser(authorizationUrl);
    const params = oauth.validateAuthResponse(as, client, callbackUrl, state);
    const codeResponse = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuth,
      params,
      REDIRECT_URI,
      codeVerifier,
      insecure,
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, codeResponse, {
      recognizedTokenTypes,
    });
    expect(tokens.token_type).toBe('access_token');
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.refresh_token).toBeTypeOf('string');

    const profile = await callApi(mock.endpoints.accountsApi, '/account/this', tokens.access_token);
    expect(profile.status).toBe(200);

    const refreshResponse = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuth,
      tokens.refresh_token!,
      insecure,
    );
    const refreshed = await oauth.processRefreshTokenResponse(as, client, refreshResponse, {
      recognizedTokenTypes,
    });
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(mock.stats()).toMatchObject({
      codeGrants: 1,
      refreshGrants: 1,
      tokenErrors: 0,
      consentDecisions: 1,
    });

    // oauth4webapi parses the RFC 6749 §5.2 errors: the rotated refresh token is now invalid_grant.
    const replay = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuth,
      tokens.refresh_token!,
      insecure,
    );
    const error = await oauth
      .processRefreshTokenResponse(as, client, replay, { recognizedTokenTypes })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(oauth.ResponseBodyError);
    expect((error as oauth.ResponseBodyError).error).toBe('invalid_grant');
    expect((error as oauth.ResponseBodyError).status).toBe(400);
  });

  it('oauth4webapi sees access_denied on Deny', async () => {
    const mock = await startMock({ consent: 'deny' });
    const as = authorizationServer(mock);
    const client: oauth.Client = { client_id: DEFAULT_CLIENT.clientId };
    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'profile.read',
      state: 'abc',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    const callback = new URL(response.headers.get('location')!);
    let error: unknown;
    try {
      oauth.validateAuthResponse(as, client, callback, 'abc');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((error as oauth.AuthorizationResponseError).error).toBe('access_denied');
    expect((error as oauth.AuthorizationResponseError).error_description).toMatch(/denied/);
  });
});

describe('the documented flow with plain fetch: GET everywhere', () => {
  it('authorize → consent → GET access_token → API → GET refresh', async () => {
    const mock = await startMock();
    const authorizeUrl = new URL(mock.endpoints.authorize);
    authorizeUrl.search = new URLSearchParams({
      client_id: DEFAULT_CLIENT.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'profile.read,streams.read,streams.destinations.read', // the comma form one integration uses
      state: 'xyz',
    }).toString();
    const callback = await approveInBrowser(authorizeUrl);
    expect(callback.searchParams.get('state')).toBe('xyz');

    // Exactly the documented request, parameter order included.
    const tokenUrl = `${mock.endpoints.token}?code=${encodeURIComponent(callback.searchParams.get('code')!)}&client_id=${DEFAULT_CLIENT.clientId}&client_secret=${DEFAULT_CLIENT.clientSecret}&grant_type=authorization_code&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`;
    const tokenResponse = await fetch(tokenUrl);
    expect(tokenResponse.status).toBe(200);
    const tokens = (await tokenResponse.json()) as {
      access_token: string;
      refresh_token: string;
      token_type: string;
    };
    expect(tokens.token_type).toBe('access_token');

    const streams = await callApi(mock.endpoints.streamsApi, '/streams/mine', tokens.access_token);
    expect(streams.status).toBe(200);
    const destinations = await callApi(
      mock.endpoints.streamsApi,
      '/streams/me/destinations',
      tokens.access_token,
    );
    expect(destinations.status).toBe(200);

    const refreshUrl = `${mock.endpoints.token}?grant_type=refresh_token&refresh_token=${encodeURIComponent(tokens.refresh_token)}&client_id=${DEFAULT_CLIENT.clientId}&client_secret=${DEFAULT_CLIENT.clientSecret}`;
    const refreshed = await fetch(refreshUrl);
    expect(refreshed.status).toBe(200);
    expect(mock.stats()).toMatchObject({
      authorizeRequests: 1,
      consentDecisions: 1,
      tokenRequests: 2,
      codeGrants: 1,
      refreshGrants: 1,
      apiRequests: 2,
    });
  });
});
