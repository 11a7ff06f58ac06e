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
