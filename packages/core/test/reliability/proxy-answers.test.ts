import type { MockFault } from '@livepush/mock-server';
import { describe, expect, it } from 'vitest';
import { setupTest } from '../integration/harness';

/** What every proxied response carries, whatever Livepush answered. */
function expectInert(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  expect(response.headers.get('cache-control')).toBe('no-store');
}

async function signedIn() {
  const env = await setupTest();
  await env.browser.signIn();
  return env;
}

type Status = Extract<MockFault, { kind: 'status' }>;

describe('the proxy serves JSON only', () => {
  it('a JSON body Livepush labels text/html (or anything) reaches the browser as application/json', async () => {
    const { browser, mock } = await signedIn();
    for (const contentType of [
      'text/html',
      'text/plain',
      'image/svg+xml',
      'application/xml',
      'text/javascript',
    ]) {
      mock.setFaults({ on: 'api', kind: 'status', status: 200, body: '[{"id":"st_1"}]', contentType });
      const response = await browser.app('/auth/api/streams/streams/mine');
      expect([contentType, response.status]).toEqual([contentType, 200]);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.json()).toEqual([{ id: 'st_1' }]);
      expectInert(response);
    }
  });

  it('a body that is not JSON is a typed error: 502 invalid_response for a 2xx, api_error with Livepush’s 4xx status', async () => {
    const { browser, mock } = await signedIn();
    const cases: [Partial<Status>, number, string][] = [
      [
        { status: 200, body: '<script>alert(document.cookie)</script>', contentType: 'text/html' },
        502,
        'invalid_response',
      ],
      [{ status: 201, body: 'created', contentType: 'text/plain' }, 502, 'invalid_response'],
      [{ status: 404, body: 'Not found' }, 404, 'api_error'],
      [
        { status: 400, body: '<html><body>Bad request</body></html>', contentType: 'text/html' },
        400,
        'api_error',
      ],
      [{ status: 403, body: '<svg onload="alert(1)"/>', contentType: 'image/svg+xml' }, 403, 'api_error'],
    ];
    for (const [fault, status, code] of cases) {
      mock.setFaults({ on: 'api', kind: 'status', status: fault.status!, ...fault } as MockFault);
      const response = await browser.app('/auth/api/streams/streams/mine');
      expect([fault.body, response.status]).toEqual([fault.body, status]);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe(code);
      expect(body.message).not.toContain(fault.body!);
      expectInert(response);
    }
  });

  it('Livepush’s 4xx JSON passes through with its status, as JSON', async () => {
    const { browser, mock } = await signedIn();
    mock.setFaults({
      on: 'api',
      kind: 'status',
      status: 422,
      body: '{"message":"name is required"}',
      contentType: 'text/plain',
    });
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ message: 'name is required' });
    expectInert(response);
  });

  it('every proxied answer is inert: success, Livepush errors, our own errors (401, 403, 405)', async () => {
    const { browser, mock, auth } = await signedIn();
    const responses = [
      await browser.app('/auth/api/streams/streams/mine'),
      await browser.app('/auth/api/accounts/account/subscriptions'), // missing scope: 403
      await browser.app('/auth/api/streams/streams/nope'),
      await browser.app('/auth/api/streams/streams', {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
      }),
    ];
    mock.setFaults({ on: 'api', kind: 'status', status: 503 });
    responses.push(await browser.app('/auth/api/streams/streams/mine'));
    responses.push(await auth.handler(new Request('http://127.0.0.1:3000/auth/api/streams/streams/mine')));
    expect(responses.map((r) => r.status)).toEqual([200, 403, 404, 403, 503, 401]);
    for (const response of responses) expectInert(response);
  });

  it('an upstream body over 1 MB is refused (502 invalid_response), like a request body over 1 MB (413)', async () => {
    const { browser, mock } = await signedIn();
    const huge = `[${'"x",'.repeat(300_000)}"x"]`;
    expect(huge.length).toBeGreaterThan(1024 * 1024);
    mock.setFaults({ on: 'api', kind: 'status', status: 200, body: huge });
    const response = await browser.app('/auth/api/streams/streams/mine');
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: 'invalid_response' });
    const small = `[${'"x",'.repeat(200_000)}"x"]`;
    mock.setFaults({ on: 'api', kind: 'status', status: 200, body: small });
    expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
  });

  it('server code (the typed client) reads Livepush’s unpaginated lists up to 8 MB, no further', async () => {
    const { browser, mock, auth } = await signedIn();
    const api = () =>
      auth.requestContext(
        new Request('http://127.0.0.1:3000/', { headers: { cookie: browser.cookieHeader() } }),
      ).api;
    mock.setFaults({ on: 'api', kind: 'status', status: 200, body: `[${'"x",'.repeat(300_000)}"x"]` });
    expect(await api().streams.list()).toHaveLength(300_001);
    mock.setFaults({ on: 'api', kind: 'status', status: 200, body: `[${'"x",'.repeat(2_200_000)}"x"]` });
    await expect(api().streams.list()).rejects.toMatchObject({ code: 'invalid_response' });
  });
});

describe('statuses without a body pass through the proxy as themselves', () => {
  it.each([304, 205, 204])('upstream %i passes through with a null body (never a 502)', async (status) => {
    const { browser, mock } = await signedIn();
    mock.setFaults({ on: 'api', kind: 'status', status, headers: { etag: '"v7"' } });
    const response = await browser.app('/auth/api/streams/streams/mine', {
      headers: { 'if-none-match': '"v7"' },
    });
    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
    expect(response.headers.get('etag')).toBe('"v7"');
    expect(response.headers.get('content-type')).toBeNull();
    expectInert(response);
  });

  it('If-None-Match reaches Livepush (so a 304 can come back)', async () => {
    const { browser, mock } = await signedIn();
    mock.setFaults({ on: 'api', kind: 'echo', echo: 'headers' });
    const response = await browser.app('/auth/api/streams/streams/mine', {
      headers: { 'if-none-match': 'W/"1"' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('if-none-match: W/"1"');
  });
});
