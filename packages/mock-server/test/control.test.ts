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
});
