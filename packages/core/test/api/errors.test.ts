import { describe, expect, it } from 'vitest';
import { LivepushApiError } from '../../src/api/errors';
import { LivepushAuthError } from '../../src/errors';

const request = { method: 'GET', path: '/streams/st_1' };

describe('LivepushApiError', () => {
  it('takes the message from a JSON body and says what to do', async () => {
    const response = new Response(JSON.stringify({ message: 'Stream st_1 not found.' }), {
      status: 404,
      headers: { 'content-type': 'application/json' },
    });
    const error = await LivepushApiError.fromResponse(response, request);
    expect(error).toBeInstanceOf(LivepushAuthError);
    expect(error).toBeInstanceOf(LivepushApiError);
    expect(error.name).toBe('LivepushApiError');
    expect(error.code).toBe('api_error');
    expect(error.status).toBe(404);
    expect(error.apiMessage).toBe('Stream st_1 not found.');
    expect(error.body).toBeUndefined();
    expect(error.message).toContain('404 to GET /streams/st_1: Stream st_1 not found.');
    expect(error.message).toMatch(/does not exist/);
    expect(error.isTransient).toBe(false);
  });

  it('keeps a non-JSON body as raw text, truncated to 500 characters', async () => {
    const html = `<html>${'x'.repeat(1000)}</html>`;
    const error = await LivepushApiError.fromResponse(new Response(html, { status: 502 }), request);
    expect(error.apiMessage).toBeUndefined();
    expect(error.body).toHaveLength(500);
    expect(error.body?.startsWith('<html>')).toBe(true);
    expect(error.isTransient).toBe(true);
    expect(error.message).toMatch(/try again later/);
  });

  it('reads Retry-After and counts 429 as transient', async () => {
    const error = await LivepushApiError.fromResponse(
      new Response('', { status: 429, headers: { 'retry-after': '7' } }),
      request,
    );
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.isTransient).toBe(true);
    expect(error.body).toBeUndefined();
  });

  it('reads a Retry-After HTTP date like the token endpoint does (one parser)', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const error = await LivepushApiError.fromResponse(
      new Response('', { status: 503, headers: { 'retry-after': 'Tue, 01 Jan 2030 00:00:42 GMT' } }),
      request,
      [],
      now,
    );
    expect(error.retryAfterSeconds).toBe(42);
    const garbage = await LivepushApiError.fromResponse(
      new Response('', { status: 503, headers: { 'retry-after': 'soon' } }),
      request,
    );
    expect(garbage.retryAfterSeconds).toBeUndefined();
  });

  it('never keeps the access token, even when the server echoes it', async () => {
    const token = 'uatin87h3m1opd908pa9sd4kq2x7';
    const echoed = await LivepushApiError.fromResponse(
      new Response(JSON.stringify({ message: `bad token ${token}` }), { status: 401 }),
      request,
      [token],
    );
    const raw = await LivepushApiError.fromResponse(
      new Response(`token=${token}`, { status: 400 }),
      request,
      [token],
    );
    for (const error of [echoed, raw]) {
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain(token);
      expect(error.message).not.toContain(token);
    }
    expect(echoed.apiMessage).toBe('bad token [redacted]');
  });
});
