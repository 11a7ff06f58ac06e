import { describe, expect, it } from 'vitest';
import { LivepushAuthError } from '../../src/index';
import { processTokenResponse } from '../../src/protocol/index';
import { json, testClient } from '../helpers';

const client = testClient();
const now = client.now();
const ctx = { requestedScopes: ['profile.read', 'streams.read'] as const };

async function failure(response: Response, context = { requestedScopes: [...ctx.requestedScopes] }) {
  try {
    await processTokenResponse(client, response, context);
  } catch (error) {
    expect(error).toBeInstanceOf(LivepushAuthError);
    const e = error as LivepushAuthError;
    expect(e.message).not.toContain('super-secret-value-123');
    return e;
  }
  throw new Error('expected a rejection');
}

describe('processTokenResponse', () => {
  it('reads the documented response (token_type "access_token", no scope field)', async () => {
    const tokens = await processTokenResponse(
      client,
      json({ access_token: 'at', refresh_token: 'rt', token_type: 'access_token', expires_in: 3600 }),
      { requestedScopes: [...ctx.requestedScopes] },
    );
    expect(tokens).toEqual({
      accessToken: 'at',
      refreshToken: 'rt',
      tokenType: 'access_token',
      expiresAt: now + 3_600_000,
      issuedAt: now,
      scopes: ['profile.read', 'streams.read'],
    });
  });

  it('takes granted scopes from a space- or comma-separated scope field, ignoring unknown ones', async () => {
    const spaced = await processTokenResponse(
      client,
      json({ access_token: 'a', expires_in: 10, scope: 'streams.read future.scope' }),
      {
        requestedScopes: ['profile.read'],
      },
    );
    expect(spaced.scopes).toEqual(['streams.read']);
    const comma = await processTokenResponse(
      client,
      json({ access_token: 'a', expires_in: '10', scope: 'streams.read,profile.read' }),
      {
        requestedScopes: [],
      },
    );
    expect(comma.scopes).toEqual(['profile.read', 'streams.read']);
    expect(comma.expiresAt).toBe(now + 10_000);
  });

  it('keeps the previous refresh token when a refresh response omits it, and defaults expiry', async () => {
    const previous = {
      accessToken: 'old',
      refreshToken: 'keep-me',
      tokenType: 'access_token',
      expiresAt: 0,
      scopes: [],
    };
    const tokens = await processTokenResponse(client, json({ access_token: 'new' }), {
      requestedScopes: [],
      previous,
    });
    expect(tokens.refreshToken).toBe('keep-me');
    expect(tokens.tokenType).toBe('Bearer');
    expect(tokens.expiresAt).toBe(now + 3_600_000);
  });

  it('reads "scope": "" as no scope granted; only a missing scope field means "as requested"', async () => {
    const none = await processTokenResponse(client, json({ access_token: 'a', scope: '' }), {
      requestedScopes: ['profile.read', 'streams.read'],
    });
    expect(none.scopes).toEqual([]);
    const blank = await processTokenResponse(client, json({ access_token: 'a', scope: ' ' }), {
      requestedScopes: ['profile.read'],
    });
    expect(blank.scopes).toEqual([]);
    const absent = await processTokenResponse(client, json({ access_token: 'a', scope: null }), {
      requestedScopes: ['profile.read'],
    });
    expect(absent.scopes).toEqual(['profile.read']);
  });

  it('assumes defaultExpiresInSeconds when the response has no expires_in', async () => {
    const short = testClient({ defaultExpiresInSeconds: 120 });
    const tokens = await processTokenResponse(short, json({ access_token: 'a' }), { requestedScopes: [] });
    expect(tokens.expiresAt).toBe(short.now() + 120_000);
    const given = await processTokenResponse(short, json({ access_token: 'a', expires_in: 5 }), {
      requestedScopes: [],
    });
    expect(given.expiresAt).toBe(short.now() + 5_000);
  });

  it("says to try tokenRequestMethod: 'POST' when the documented GET meets a 404 or 405", async () => {
    for (const status of [404, 405]) {
      const error = await failure(new Response('Not Found', { status }));
      expect(error).toMatchObject({ code: 'token_request_failed', status });
      expect(error.message).toContain("tokenRequestMethod: 'POST'");
    }
    // A server that refuses the POST form too gets no such advice, nor does another status.
    const post = testClient({ tokenRequestMethod: 'POST' });
    const refused = (await processTokenResponse(post, new Response('', { status: 405 }), {
      requestedScopes: [],
    }).catch((error: unknown) => error)) as LivepushAuthError;
    expect(refused.message).not.toContain('tokenRequestMethod');
    expect((await failure(new Response('', { status: 400 }))).message).not.toContain('tokenRequestMethod');
  });

  it('reads Retry-After as seconds or as an HTTP date (one parser for tokens and the API)', async () => {
    const date = new Date(now + 30_000).toUTCString();
    const dated = await failure(new Response('', { status: 503, headers: { 'retry-after': date } }));
    expect(dated.retryAfterSeconds).toBe(30);
    const past = await failure(
      new Response('', { status: 503, headers: { 'retry-after': new Date(now - 5_000).toUTCString() } }),
    );
    expect(past.retryAfterSeconds).toBe(0);
  });

  it('turns RFC 6749 invalid_grant into invalid_grant', async () => {
    const error = await failure(json({ error: 'invalid_grant', error_description: 'code reused' }, 400));
    expect(error.code).toBe('invalid_grant');
    expect(error.status).toBe(400);
    expect(error.oauthErrorDescription).toBe('code reused');
    expect(error.isTransient).toBe(false);
  });

  it('turns other OAuth errors into token_request_failed with the server error', async () => {
    const error = await failure(json({ error: 'invalid_client' }, 401));
    expect(error.code).toBe('token_request_failed');
    expect(error.oauthError).toBe('invalid_client');
    expect(error.message).toMatch(/client ID and client secret/);
    expect(error.isTransient).toBe(false);
  });

  it('redacts secrets a server echoes back', async () => {
    const error = await failure(
      json({ error: 'invalid_client', error_description: 'bad secret super-secret-value-123' }, 401),
    );
    expect(error.oauthErrorDescription).toContain('[redacted]');
  });

  it('treats 5xx (JSON or HTML) as transient token_request_failed with Retry-After', async () => {
    const html = await failure(
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    expect(html).toMatchObject({ code: 'token_request_failed', status: 502 });
    expect(html.isTransient).toBe(true);
    const busy = await failure(new Response('busy', { status: 503, headers: { 'retry-after': '7' } }));
    expect(busy.retryAfterSeconds).toBe(7);
    expect(busy.isTransient).toBe(true);
  });

  it.each([
    ['an empty body', new Response('', { status: 200 })],
    ['malformed JSON', new Response('{"access_token": ', { status: 200 })],
    ['an HTML page', new Response('<!doctype html><p>hi</p>', { status: 200 })],
    ['a JSON array', json([1, 2])],
    ['no access_token', json({ token_type: 'x' })],
    ['a numeric access_token', json({ access_token: 5 })],
    ['a negative expires_in', json({ access_token: 'a', expires_in: -5 })],
    ['a textual expires_in', json({ access_token: 'a', expires_in: 'soon' })],
    ['an object refresh_token', json({ access_token: 'a', refresh_token: {} })],
    ['a numeric scope', json({ access_token: 'a', scope: 3 })],
    ['a numeric token_type', json({ access_token: 'a', token_type: 3 })],
  ])('turns a 2xx with %s into invalid_response', async (_name, response) => {
    const error = await failure(response);
    expect(error.code).toBe('invalid_response');
    expect(error.isTransient).toBe(true);
  });
});
