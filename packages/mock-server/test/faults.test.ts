import { describe, expect, it } from 'vitest';
import type { MockFault } from '../src/index';
import {
  authorize,
  authorizeParams,
  CLIENT_PARAMS,
  callApi,
  exchangeCode,
  obtainCode,
  REDIRECT_URI,
  redirectQuery,
  refreshGet,
  startMock,
} from './helpers';

describe('faults on the token endpoint', () => {
  it('status: 503 with Retry-After and a plain-text body, counted; the next request is normal', async () => {
    const mock = await startMock();
    const tokens = mock.issueTokens({ scopes: ['profile.read'] });
    mock.setFaults({ on: 'token', kind: 'status', status: 503, retryAfterSeconds: 7 });
    const faulted = await refreshGet(mock, tokens.refresh_token);
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('retry-after')).toBe('7');
    expect(faulted.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await faulted.text()).toBe('Service Unavailable');
    expect((await refreshGet(mock, tokens.refresh_token)).status).toBe(200);
    expect(mock.stats()).toMatchObject({
      tokenRequests: 2,
      faultsInjected: 1,
      refreshGrants: 1,
      tokenErrors: 0,
    });
  });

  it('status with a custom body; JSON bodies are labelled JSON', async () => {
    const mock = await startMock();
    mock.setFaults(
      { on: 'token', kind: 'status', status: 500, body: 'upstream exploded' },
      { on: 'token', kind: 'status', status: 502, body: '{"oops":true}' },
    );
    const first = await refreshGet(mock, 'x');
    expect([first.status, await first.text(), first.headers.get('content-type')]).toEqual([
      500,
      'upstream exploded',
      'text/plain; charset=utf-8',
    ]);
    const second = await refreshGet(mock, 'x');
    expect([second.status, await second.json(), second.headers.get('content-type')]).toEqual([
      502,
      { oops: true },
      'application/json',
    ]);
  });

  it('malformed_json: 200, JSON content type, truncated body', async () => {
    const mock = await startMock();
    mock.setFaults({ on: 'token', kind: 'malformed_json' });
    const response = await exchangeRequest(mock);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toBe('{"access_token": ');
  });

  it('html: a 502 HTML error page', async () => {
    const mock = await startMock();
    mock.setFaults({ on: 'token', kind: 'html' });
    const response = await exchangeRequest(mock);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('empty: 200 with an empty body', async () => {
    const mock = await startMock();
    mock.setFaults({ on: 'token', kind: 'empty' });
    const response = await exchangeRequest(mock);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('drop: the connection closes without an answer, so fetch rejects', async () => {
    const mock = await startMock();
    mock.setFaults({ on: 'token', kind: 'drop' });
    await expect(exchangeRequest(mock)).rejects.toThrow(TypeError);
    expect((await refreshGet(mock, 'unknown')).status).toBe(400);
    expect(mock.stats()).toMatchObject({ tokenRequests: 2, faultsInjected: 1 });
  });

  it('delay: a client timeout fires; without a timeout the normal answer arrives late', async () => {
    const mock = await startMock();
    const tokens = mock.issueTokens({ scopes: ['profile.read'] });
    mock.setFaults({ on: 'token', kind: 'delay', ms: 2_000 });
    const started = performance.now();
    const url = new URL(mock.endpoints.token);
    url.search = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      ...CLIENT_PARAMS,
    }).toString();
    await expect(fetch(url, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(performance.now() - started).toBeLessThan(1_500);

    mock.setFaults({ on: 'token', kind: 'delay', ms: 150 });
    const slowStart = performance.now();
    const response = await refreshGet(mock, tokens.refresh_token);
    expect(performance.now() - slowStart).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
  });

  it('oauth_error: an RFC 6749 §5.2 body with the chosen status', async () => {
    const mock = await startMock();
    mock.setFaults(
      {
        on: 'token',
        kind: 'oauth_error',
        error: 'temporarily_unavailable',
        status: 503,
        description: 'maintenance',
      },
      { on: 'token', kind: 'oauth_error', error: 'invalid_grant' },
    );
    const first = await refreshGet(mock, 'x');
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'maintenance',
    });
    const second = await refreshGet(mock, 'x');
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ error: 'invalid_grant' });
  });
});

function exchangeRequest(mock: Awaited<ReturnType<typeof startMock>>): Promise<Response> {
  return fetch(
    `${mock.endpoints.token}?${new URLSearchParams({ grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT_URI, ...CLIENT_PARAMS })}`,
  );
}

describe('queue semantics', () => {
  it('applies each fault to the next `times` matching requests, in queue order, per target', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['streams.read'] }).access_token;
    mock.setFaults(
      { on: 'api', kind: 'status', status: 500, times: 2 },
      { on: 'token', kind: 'status', status: 418 },
      { on: 'api', kind: 'status', status: 503 },
    );
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      const response = await callApi(mock.endpoints.streamsApi, '/streams/mine', token);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([500, 500, 503, 200]);
    expect((await refreshGet(mock, 'x')).status).toBe(418);
    expect(mock.stats()).toMatchObject({ apiRequests: 4, tokenRequests: 1, faultsInjected: 4 });
  });

  it('clearFaults and reset drop queued faults; reset zeroes the counters', async () => {
    const mock = await startMock();
    mock.setFaults({ on: 'token', kind: 'drop', times: 5 });
    mock.clearFaults();
    expect((await refreshGet(mock, 'x')).status).toBe(400);
    mock.setFaults({ on: 'token', kind: 'drop' });
    mock.reset();
    expect((await refreshGet(mock, 'x')).status).toBe(400);
    expect(mock.stats()).toEqual({
      authorizeRequests: 0,
      consentDecisions: 0,
      tokenRequests: 1,
      codeGrants: 0,
      refreshGrants: 0,
      tokenErrors: 1,
      refreshTokenReplays: 0,
      apiRequests: 0,
      faultsInjected: 0,
    });
  });

  it('rejects invalid faults without queueing any of them', async () => {
    const mock = await startMock();
    const bad: MockFault[] = [
      { on: 'token', kind: 'status', status: 99 },
      { on: 'token', kind: 'drop', times: 0 },
      { on: 'token', kind: 'delay', ms: -1 },
    ];
    for (const fault of bad) {
      expect(() => mock.setFaults({ on: 'token', kind: 'drop' }, fault)).toThrow(RangeError);
    }
    expect((await refreshGet(mock, 'x')).status).toBe(400);
  });
});

describe('faults on the API and on authorize', () => {
  it('api faults come before authentication and are counted as API requests', async () => {
    const mock = await startMock();
    mock.setFaults({ on: 'api', kind: 'malformed_json' }, { on: 'api', kind: 'drop' });
    const response = await callApi(mock.endpoints.accountsApi, '/account/this', undefined);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"access_token": ');
    await expect(callApi(mock.endpoints.streamsApi, '/streams/mine', undefined)).rejects.toThrow(TypeError);
    expect((await callApi(mock.endpoints.streamsApi, '/streams/mine', undefined)).status).toBe(401);
    expect(mock.stats()).toMatchObject({ apiRequests: 3, faultsInjected: 2 });
  });

  it('authorize faults hit GET /oauth2/authorize (and the decision) but never the token endpoint', async () => {
    const mock = await startMock({ consent: 'approve' });
    mock.setFaults({ on: 'authorize', kind: 'html' });
    const tokens = mock.issueTokens({ scopes: ['profile.read'] });
    expect((await refreshGet(mock, tokens.refresh_token)).status).toBe(200);
    expect((await authorize(mock, authorizeParams())).status).toBe(502);
    expect(redirectQuery(await authorize(mock, authorizeParams())).has('code')).toBe(true);
    mock.setFaults({ on: 'authorize', kind: 'status', status: 500 });
    const decision = await fetch(`${mock.url}/oauth2/authorize/decision`, { method: 'POST', body: '' });
    expect(decision.status).toBe(500);
    expect(mock.stats()).toMatchObject({ authorizeRequests: 2, faultsInjected: 2 });
  });

  it('a faulted code exchange leaves the code usable', async () => {
    const mock = await startMock();
    const code = await obtainCode(mock);
    mock.setFaults({ on: 'token', kind: 'status', status: 502 });
    const url = `${mock.endpoints.token}?${new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...CLIENT_PARAMS })}`;
    expect((await fetch(url)).status).toBe(502);
    expect((await exchangeCode(mock, code)).token_type).toBe('access_token');
  });
});
