import { responseText, secretScanner } from '@livepush/test-support';
import { describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import { APP_ORIGIN, Browser, setupTest } from '../integration/harness';

const CLIENT_SECRET = 'livepush-demo-secret-not-for-production';

describe('no token or secret ever leaves the server', () => {
  it('scans every response (status line, headers, body), log line and error of a full session', async () => {
    const scanner = secretScanner([CLIENT_SECRET]);
    const logs: string[] = [];
    const errors: LivepushAuthError[] = [];
    const log = (level: string) => (message: string, data?: Record<string, unknown>) =>
      logs.push(`${level} ${message} ${JSON.stringify(data ?? {})}`);
    // One clock for the app and the mock, moved past the (capped) leeway of the 30 s tokens to refresh.
    let now = Date.now();
    const env = await setupTest({
      mock: { accessTokenTtlSeconds: 30, now: () => now },
      auth: {
        now: () => now,
        debug: true,
        allowedScopes: ['profile.read', 'streams.read', 'streams.create'],
        logger: { debug: log('debug'), warn: log('warn'), error: log('error') },
        onError: (error) => errors.push(error),
        onSession: (event) => void logs.push(`session ${JSON.stringify(event)}`),
        // Learn every token Livepush hands out, to look for it afterwards.
        fetch: scanner.fetch,
      },
    });
    const { browser, mock } = env;
    const seen: string[] = [];
    const capture = async (response: Response) => void seen.push(await responseText(response));
    const app = async (path: string, init?: RequestInit) => {
      const response = await browser.app(path, init);
      await capture(response);
      return response;
    };

    await browser.signIn('?returnTo=/start');
    now += 25_000;
    await app('/auth/session'); // refreshes (5 s left on the 30 s token)
    await app('/auth/api/streams/streams/mine');
    await app('/auth/api/accounts/account/this');
    await app('/auth/api/streams/streams', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, 'content-type': 'application/json' },
      body: '{}',
    });
    now += 25_000;
    mock.setFaults({ on: 'token', kind: 'status', status: 503 });
    await app('/auth/api/streams/streams/mine');
    mock.setFaults({ on: 'api', kind: 'html' });
    await app('/auth/api/streams/streams/mine');
    await browser.signIn('?scope=streams.create');
    mock.revokeAllTokens();
    await app('/auth/api/streams/streams/mine');
    await app('/auth/session');
    const other = new Browser(browser.auth);
    mock.setConsent('deny');
    await other.signIn();
    await app('/auth/logout', {
      method: 'POST',
      headers: { origin: APP_ORIGIN, accept: 'application/json' },
    });
    for (const body of browser.bodies) seen.push(body);
    for (const location of [...browser.locations, ...other.locations]) seen.push(location);
    for (const error of errors)
      seen.push(`${error.message} ${JSON.stringify({ ...error })} ${String(error.cause)}`);

    expect(scanner.secrets.size).toBeGreaterThanOrEqual(5); // the secret, and real tokens were learned
    expect(mock.stats()).toMatchObject({ refreshGrants: 2, faultsInjected: 2 });
    expect(seen.length).toBeGreaterThan(10);
    expect(logs.length).toBeGreaterThan(5);
    expect(scanner.leaks(...seen, ...logs)).toEqual([]);
  });
});
