// What a certified OAuth 2.0 server (not only Livepush) needs from the SDK, proven against the mock
// over loopback: HTTP Basic client authentication, advice when the documented GET is not served, and
// the RFC 9207 issuer check.
import { describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import { APP_ORIGIN, setupTest } from './harness';

const CLIENT = {
  clientId: 'my app:1',
  clientSecret: 'p@ss+w:rd/é%-long-enough',
  redirectUris: [`${APP_ORIGIN}/auth/callback`],
};

describe("tokenEndpointAuthMethod: 'client_secret_basic'", () => {
  it('signs in and refreshes with HTTP Basic, id and secret form-encoded (RFC 6749 §2.3.1)', async () => {
    let now = Date.now();
    const sent: Request[] = [];
    const { browser, mock } = await setupTest({
      mock: { clients: [CLIENT], accessTokenTtlSeconds: 120 },
      auth: {
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
        tokenRequestMethod: 'POST',
        tokenEndpointAuthMethod: 'client_secret_basic',
        now: () => now,
        fetch: (input, init) => {
          sent.push(new Request(input, init));
          return fetch(input, init);
        },
      },
    });
    await browser.signIn();
    expect(await browser.session()).toMatchObject({ authenticated: true });
    now += 91_000; // within the leeway (a quarter of the 120 s life: 30 s): due
    expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
    expect(mock.stats()).toMatchObject({ codeGrants: 1, refreshGrants: 1, tokenErrors: 0 });
    const tokenRequests = sent.filter((request) => request.url === mock.endpoints.token);
    expect(tokenRequests).toHaveLength(2);
    for (const request of tokenRequests) {
      expect(request.method).toBe('POST');
      expect(request.headers.get('authorization')).toMatch(/^Basic /);
      const body = new URLSearchParams(await request.text());
      expect(body.has('client_secret')).toBe(false);
    }
  });

  it('a wrong secret is invalid_client, said to be the client ID and secret', async () => {
    const errors: LivepushAuthError[] = [];
    const { browser } = await setupTest({
      mock: { clients: [CLIENT] },
      auth: {
        clientId: CLIENT.clientId,
        clientSecret: 'not-the-secret',
        tokenRequestMethod: 'POST',
        tokenEndpointAuthMethod: 'client_secret_basic',
        onError: (error) => void errors.push(error),
      },
    });
    const landed = await browser.signIn();
    expect(landed.searchParams.get('error')).toBe('token_request_failed');
    expect(errors[0]).toMatchObject({ status: 401, oauthError: 'invalid_client' });
    expect(errors[0]?.message).toContain('client ID and client secret');
  });
});

describe('a token endpoint that does not serve the documented GET', () => {
  it("fails the sign-in with token_request_failed whose message says to try tokenRequestMethod: 'POST'", async () => {
    const errors: LivepushAuthError[] = [];
    const { browser, mock } = await setupTest();
    // The same app pointed at the first mock, but at a standard server's token path (the mock answers
    // a GET there with 404); the second setup's own mock is not used.
    const misrouted = await setupTest({
      auth: {
        endpoints: { ...mock.endpoints, token: `${mock.url}/oauth2/token` },
        onError: (error) => void errors.push(error),
      },
    });
    const landed = await misrouted.browser.signIn();
    expect(landed.searchParams.get('error')).toBe('token_request_failed');
    expect(await misrouted.browser.session()).toEqual({ authenticated: false });
    const failed = errors.find((error) => error.code === 'token_request_failed');
    expect(failed?.status).toBe(404);
    expect(failed?.message).toContain("tokenRequestMethod: 'POST'");
    // The same app on the documented path signs in.
    await browser.signIn();
    expect(await browser.session()).toMatchObject({ authenticated: true });
  });
});

describe('the callback issuer (RFC 9207)', () => {
  it('signs in when iss is the configured issuer (mock.endpoints.issuer)', async () => {
    const { browser, mock } = await setupTest({ mock: { sendIssuer: true } });
    const landed = await browser.signIn('?returnTo=/studio');
    expect(landed.pathname).toBe('/studio');
    expect(landed.searchParams.has('error')).toBe(false);
    expect(mock.stats().codeGrants).toBe(1);
  });

  it('refuses a callback from another issuer before the code is exchanged: no session', async () => {
    const { mock } = await setupTest({ mock: { sendIssuer: true } });
    // An app whose configured issuer is not the mock's, pointed at the first mock.
    const other = await setupTest({
      mock: { sendIssuer: true },
      auth: { endpoints: { ...mock.endpoints, issuer: 'http://127.0.0.1:9' } },
    });
    const landed = await other.browser.signIn('?returnTo=/studio');
    expect(landed.pathname).toBe('/studio');
    expect(landed.searchParams.get('error')).toBe('invalid_callback');
    expect(await other.browser.session()).toEqual({ authenticated: false });
    expect(mock.stats()).toMatchObject({ authorizeRequests: 1, tokenRequests: 0 });
  });
});
