import { describe, expect, it } from 'vitest';
import type { MockFault } from '../src/index';
import {
  authorize,
  authorizeParams,
  CLIENT_PARAMS,
  callApi,
  type ErrorBody,
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

describe('echo: a server or gateway that copies the request into its error', () => {
  const SECRET = 'Zq8+v/Kp=Lm2 Xr/Tt9+wB4=nH/yE7==';
  const startEcho = () =>
    startMock({ clients: [{ clientId: 'echo-app', clientSecret: SECRET, redirectUris: [REDIRECT_URI] }] });
  const refresh = (mock: Awaited<ReturnType<typeof startMock>>) =>
    fetch(
      `${mock.endpoints.token}?${new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'rt-1', client_id: 'echo-app', client_secret: SECRET })}`,
    );

  it('copies the query into error_description as sent, decoded, percent- or form-encoded, or cut', async () => {
    const mock = await startEcho();
    const form = new URLSearchParams({ v: SECRET }).toString().slice(2);
    const cases = [
      [{}, `client_secret=${form}`],
      [{ encoding: 'decoded' }, `client_secret=${SECRET}`],
      [{ encoding: 'percent' }, `client_secret=${encodeURIComponent(SECRET)}`],
      [{ encoding: 'form' }, `client_secret=${form}`],
      [{ encoding: 'decoded', truncate: 10 }, `client_secret=${SECRET.slice(0, 10)}`],
    ] as const;
    for (const [options, expected] of cases) {
      mock.setFaults({ on: 'token', kind: 'echo', ...options });
      const response = await refresh(mock);
      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorBody;
      expect(body.error).toBe('invalid_request');
      expect(body.error_description).toContain(expected);
      if ('truncate' in options) expect(body.error_description).not.toContain(SECRET.slice(0, 11));
    }
    expect(encodeURIComponent(SECRET)).not.toBe(form); // the space tells percent and form apart
  });

  it('into error, message or a plain-text body; the headers (Authorization included) on the API', async () => {
    const mock = await startEcho();
    mock.setFaults(
      { on: 'token', kind: 'echo', into: 'error', status: 401 },
      { on: 'token', kind: 'echo', into: 'text', status: 502, encoding: 'decoded' },
      { on: 'api', kind: 'echo', echo: 'headers' },
      { on: 'api', kind: 'echo', echo: 'headers', into: 'text', status: 403, truncate: 12 },
    );
    const first = await refresh(mock);
    expect(first.status).toBe(401);
    expect(((await first.json()) as ErrorBody).error).toMatch(
      /^grant_type=refresh_token&refresh_token=rt-1&/,
    );
    const second = await refresh(mock);
    expect([second.status, second.headers.get('content-type')]).toEqual([502, 'text/plain; charset=utf-8']);
    expect(await second.text()).toContain(`client_secret=${SECRET}`);
    const api = await callApi(mock.endpoints.streamsApi, '/streams/mine', 'the-access-token');
    expect(api.status).toBe(400);
    expect(((await api.json()) as ErrorBody).message).toContain('authorization: Bearer the-access-token');
    const cut = await callApi(mock.endpoints.streamsApi, '/streams/mine', 'the-access-token');
    expect(cut.status).toBe(403);
    expect(await cut.text()).toContain('authorization: Bearer the-a\n');
  });

  it('refuses an echo status without a body and a truncate that is not a positive integer', async () => {
    const mock = await startEcho();
    expect(() => mock.setFaults({ on: 'token', kind: 'echo', status: 304 })).toThrow(RangeError);
    expect(() => mock.setFaults({ on: 'token', kind: 'echo', truncate: 0 })).toThrow(RangeError);
  });
});

describe('status faults that have no body, custom types and headers', () => {
  it('204, 205 and 304 are sent without a body (not a crash of the mock)', async () => {
    const mock = await startMock();
    const token = mock.issueTokens({ scopes: ['streams.read'] }).access_token;
    for (const status of [204, 205, 304]) {
      mock.setFaults({ on: 'api', kind: 'status', status, headers: { etag: '"v1"' } });
      const response = await callApi(mock.endpoints.streamsApi, '/streams/mine', token);
      expect([response.status, await response.text(), response.headers.get('etag')]).toEqual([
        status,
        '',
        '"v1"',
      ]);
    }
  });

  it('contentType and headers override what the fault sends', async () => {
    const mock = await startMock();
    mock.setFaults({
      on: 'api',
      kind: 'status',
      status: 401,
      body: '{"message":"nope"}',
      contentType: 'text/html',
      headers: { 'www-authenticate': 'Bearer error="insufficient_scope"' },
    });
    const response = await callApi(mock.endpoints.streamsApi, '/streams/mine', 'x');
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope"');
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
