import { afterEach, describe, expect, it } from 'vitest';
import { type MockLivepush, startMockLivepush } from '../src/index';

let mock: MockLivepush | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const post = (url: string, body?: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });

describe('control routes (/__mock/*)', () => {
  it('report stats over HTTP', async () => {
    mock = await startMockLivepush();
    const token = mock.issueTokens({ scopes: ['streams.read'] });
    await fetch(`${mock.endpoints.streamsApi}/streams/mine`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    const stats = await (await fetch(`${mock.url}/__mock/stats`)).json();
    expect(stats).toEqual(mock.stats());
    expect(stats.apiRequests).toBe(1);
  });

  it('list every token issued (the values leak scans look for), until a reset', async () => {
    mock = await startMockLivepush({ rotateRefreshTokens: false });
    const first = mock.issueTokens({ scopes: ['streams.read'] });
    const second = mock.issueTokens({ scopes: ['profile.read'] });
    const listed = await (await fetch(`${mock.url}/__mock/tokens`)).json();
    expect(listed).toEqual({
      accessTokens: [first.access_token, second.access_token],
      refreshTokens: [first.refresh_token, second.refresh_token],
    });
    expect(mock.issuedTokens()).toEqual(listed);
    await post(`${mock.url}/__mock/reset`);
    expect(mock.issuedTokens()).toEqual({ accessTokens: [], refreshTokens: [] });
  });

  it('inject faults, switch consent, revoke and reset', async () => {
    mock = await startMockLivepush();
    const token = mock.issueTokens({ scopes: ['streams.read'] });
    const mine = () =>
      fetch(`${mock!.endpoints.streamsApi}/streams/mine`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      });
    expect((await post(`${mock.url}/__mock/faults`, { on: 'api', kind: 'status', status: 503 })).status).toBe(
      204,
    );
    expect((await mine()).status).toBe(503);
    expect((await mine()).status).toBe(200);
    expect((await post(`${mock.url}/__mock/faults`, { on: 'nowhere', kind: 'status' })).status).toBe(400);
    expect((await post(`${mock.url}/__mock/consent`, { mode: 'deny' })).status).toBe(204);
    expect((await post(`${mock.url}/__mock/consent`, { mode: 'maybe' })).status).toBe(400);
    expect((await post(`${mock.url}/__mock/revoke`)).status).toBe(204);
    expect((await mine()).status).toBe(401);
    expect((await post(`${mock.url}/__mock/reset`)).status).toBe(204);
    expect(mock.stats().apiRequests).toBe(0);
  });

  it('change the user (disable the account) until a reset; refuse what it cannot take', async () => {
    mock = await startMockLivepush();
    const token = mock.issueTokens({ scopes: ['profile.read'] });
    const me = async () =>
      (await (
        await fetch(`${mock!.endpoints.accountsApi}/account/this`, {
          headers: { authorization: `Bearer ${token.access_token}` },
        })
      ).json()) as { isDisabled: boolean; name: string };
    expect((await me()).isDisabled).toBe(false);
    const answer = await post(`${mock.url}/__mock/user`, { isDisabled: true, name: 'Ada B.' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ isDisabled: true, name: 'Ada B.' });
    expect(await me()).toMatchObject({ isDisabled: true, name: 'Ada B.' });
    for (const bad of [
      { isDisabled: 'yes' },
      { id: 'someone-else' },
      { billingInfo: {} },
      { nope: 1 },
      [1],
    ]) {
      const refused = await post(`${mock.url}/__mock/user`, bad);
      expect(refused.status).toBe(400);
      expect((await refused.json()).message).toMatch(/cannot be set|object of user fields/);
    }
    expect(() => mock!.setUser({ id: 'x' })).toThrow(TypeError);
    mock.setUser({ isDisabled: false });
    expect((await me()).isDisabled).toBe(false);
    mock.setUser({ isDisabled: true });
    await post(`${mock.url}/__mock/reset`);
    const fresh = mock.issueTokens({ scopes: ['profile.read'] });
    const after = await fetch(`${mock.endpoints.accountsApi}/account/this`, {
      headers: { authorization: `Bearer ${fresh.access_token}` },
    });
    expect(await after.json()).toMatchObject({ isDisabled: false, name: 'Ada Lovelace' });
  });

  it('refuse a user change from a web page (a form post, another origin)', async () => {
    mock = await startMockLivepush();
    const form = await fetch(`${mock.url}/__mock/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'isDisabled=true',
    });
    expect(form.status).toBe(403);
    const crossSite = await fetch(`${mock.url}/__mock/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.test' },
      body: JSON.stringify({ isDisabled: true }),
    });
    expect(crossSite.status).toBe(403);
    const me = await fetch(`${mock.endpoints.accountsApi}/account/this`, {
      headers: { authorization: `Bearer ${mock.issueTokens({ scopes: ['profile.read'] }).access_token}` },
    });
    expect((await me.json()).isDisabled).toBe(false);
  });
});

/** A raw HTTP/1.1 request with any `Host` header (fetch cannot send one of its own choosing). */
async function rawRequest(url: string, lines: string[]): Promise<number> {
  const { connect } = await import('node:net');
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`);
    });
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('control routes refuse web pages (cross-site requests, DNS rebinding)', () => {
  it('a POST a form or a no-cors fetch could send (text/plain, form, no type) changes nothing', async () => {
    mock = await startMockLivepush();
    const token = mock.issueTokens({ scopes: ['streams.read'] }).access_token;
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      null,
    ]) {
      const headers: Record<string, string> = type === null ? {} : { 'content-type': type };
      for (const path of ['/faults', '/consent', '/revoke', '/reset']) {
        const body =
          path === '/faults'
            ? '{"on":"api","kind":"status","status":503}'
            : path === '/consent'
              ? '{"mode":"deny"}'
              : '';
        const response = await fetch(`${mock.url}/__mock${path}`, { method: 'POST', headers, body });
        expect([path, type, response.status]).toEqual([path, type, 403]);
      }
    }
    const mine = await fetch(`${mock.endpoints.streamsApi}/streams/mine`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(mine.status).toBe(200); // not revoked, no fault queued
    expect(mock.stats().faultsInjected).toBe(0);
  });

  it('Sec-Fetch-Site other than same-origin/none, or a foreign Origin, is refused on every control route', async () => {
    mock = await startMockLivepush();
    const refused: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'http://127.0.0.1:5173' },
      { origin: 'null' },
    ];
    for (const headers of refused) {
      expect((await fetch(`${mock.url}/__mock/tokens`, { headers })).status).toBe(403);
      expect((await fetch(`${mock.url}/__mock/stats`, { headers })).status).toBe(403);
      const reset = await fetch(`${mock.url}/__mock/reset`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
      });
      expect(reset.status).toBe(403);
    }
    for (const headers of [
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      { origin: mock.url },
      {},
    ]) {
      expect((await fetch(`${mock.url}/__mock/tokens`, { headers })).status).toBe(200);
    }
  });

  it('a Host that is not a loopback name (DNS rebinding) is refused; loopback names are answered', async () => {
    mock = await startMockLivepush();
    const { port } = new URL(mock.url);
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1.evil.example:${port}`,
      `192.168.1.5:${port}`,
      `localhost.evil.example`,
    ]) {
      expect([host, await rawRequest(mock.url, ['GET /__mock/tokens HTTP/1.1', `Host: ${host}`])]).toEqual([
        host,
        403,
      ]);
      expect(
        await rawRequest(mock.url, [
          'POST /__mock/revoke HTTP/1.1',
          `Host: ${host}`,
          'Content-Type: application/json',
          'Content-Length: 0',
        ]),
      ).toBe(403);
    }
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `app.localhost:${port}`,
      `[::1]:${port}`,
      '127.0.0.1',
    ]) {
      expect([host, await rawRequest(mock.url, ['GET /__mock/stats HTTP/1.1', `Host: ${host}`])]).toEqual([
        host,
        200,
      ]);
    }
    // The OAuth and API routes are for any client: rebinding protection is for the control routes.
    expect(await rawRequest(mock.url, ['GET / HTTP/1.1', `Host: evil.example:${port}`])).toBe(200);
  });

  it('a bad fault posted over HTTP is a 400, not a 500', async () => {
    mock = await startMockLivepush();
    const response = await post(`${mock.url}/__mock/faults`, { on: 'api', kind: 'status', status: 99 });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: expect.stringMatching(/status/) });
  });
});
