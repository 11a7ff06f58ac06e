import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT, LIVEPUSH_MOCK_SCOPES, startMockLivepush } from '../src/index';
import { authorize, authorizeParams, CLIENT_PARAMS, startMock } from './helpers';

describe('startMockLivepush', () => {
  it('listens on 127.0.0.1 on a free port and exposes the endpoints', async () => {
    const mock = await startMock();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.endpoints).toEqual({
      authorize: `${mock.url}/oauth2/authorize`,
      token: `${mock.url}/oauth2/access_token`,
      accountsApi: `${mock.url}/squid`,
      streamsApi: `${mock.url}/octopus`,
      vodImportApi: `${mock.url}/vod`,
      issuer: mock.url,
    });
    const index = (await (await fetch(mock.url)).json()) as { endpoints: unknown };
    expect(index.endpoints).toEqual(mock.endpoints);
  });

  it('listens on IPv6 loopback when asked', async () => {
    const mock = await startMock({ host: '::1' });
    expect(mock.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await fetch(mock.url)).status).toBe(200);
  });

  it('rejects when the port is taken', async () => {
    const mock = await startMock();
    const port = Number(new URL(mock.url).port);
    await expect(startMockLivepush({ port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('rejects invalid options', async () => {
    await expect(startMockLivepush({ accessTokenTtlSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(startMockLivepush({ codeTtlSeconds: 1.5 })).rejects.toThrow(RangeError);
    await expect(
      startMockLivepush({
        clients: [
          { clientId: 'a', clientSecret: 'x', redirectUris: [] },
          { clientId: 'a', clientSecret: 'y', redirectUris: [] },
        ],
      }),
    ).rejects.toThrow(/Duplicate/);
    await expect(
      startMockLivepush({ clients: [{ clientId: 'a', clientSecret: 'x', redirectUris: ['/relative'] }] }),
    ).rejects.toThrow(/Invalid redirect URI/);
  });

  it('exports the default client and the 16 documented scopes', () => {
    expect(DEFAULT_CLIENT).toEqual({
      clientId: 'livepush-demo-client',
      clientSecret: 'livepush-demo-secret-not-for-production',
      name: 'Livepush Auth Demo',
    });
    expect(LIVEPUSH_MOCK_SCOPES).toHaveLength(16);
    expect(new Set(LIVEPUSH_MOCK_SCOPES.map((entry) => entry.scope)).size).toBe(16);
    expect(LIVEPUSH_MOCK_SCOPES.filter((entry) => entry.api === 'accounts')).toHaveLength(7);
    expect(LIVEPUSH_MOCK_SCOPES.find((entry) => entry.scope === 'billing.read')?.description).toBe(
      'Read billing data such as invoices and payments',
    );
  });

  it('logs one line per request, without query strings (the GET token request carries the secret)', async () => {
    const lines: string[] = [];
    const mock = await startMock({ logger: (line) => lines.push(line) });
    await fetch(
      `${mock.endpoints.token}?${new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r', ...CLIENT_PARAMS })}`,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/oauth2\/access_token → 400 \(\d+ ms\)$/);
    expect(lines.join('\n')).not.toContain(DEFAULT_CLIENT.clientSecret);
  });

  it('answers 404 for unknown paths outside the APIs', async () => {
    const mock = await startMock();
    expect((await fetch(`${mock.url}/oauth2/token`)).status).toBe(404);
  });
});

describe('close()', () => {
  it('destroys open keep-alive sockets and pending delays and frees the port', async () => {
    const mock = await startMockLivepush();
    const port = Number(new URL(mock.url).port);
    // A kept-alive connection and a request stuck in a long delay.
    expect((await authorize(mock, authorizeParams())).status).toBe(200);
    mock.setFaults({ on: 'api', kind: 'delay', ms: 60_000 });
    const stuck = fetch(`${mock.endpoints.accountsApi}/account/this`).then(
      (response) => response.status,
      () => 'rejected',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await mock.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await stuck).toBe('rejected');
    await expect(fetch(mock.url)).rejects.toThrow(TypeError);
    // The port is free again.
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
    });
  });

  it('is idempotent', async () => {
    const mock = await startMockLivepush();
    const first = mock.close();
    expect(mock.close()).toBe(first);
    await first;
  });
});
