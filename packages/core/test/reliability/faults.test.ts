import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockFault } from '@livepush/mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import { LivepushAuthError as ErrorClass, type LivepushAuthError } from '../../src/index';
import { APP_ORIGIN, setup } from '../integration/harness';

/**
 * Every upstream fault, on each of the three calls the handler makes to Livepush: the code
 * exchange (callback), the refresh (a due token) and the API (proxy). The handler must answer
 * with a typed, readable error, never a 500, keep the session on anything transient, and clear it
 * only on invalid_grant.
 */
type FaultCase = { name: string; fault: MockFault; code: string; transient: boolean };

const TIMEOUT_MS = 300;

function cases(on: MockFault['on']): FaultCase[] {
  const list: FaultCase[] = [
    {
      name: '500',
      fault: { on, kind: 'status', status: 500 },
      code: on === 'api' ? 'api_error' : 'token_request_failed',
      transient: true,
    },
    {
      name: '502',
      fault: { on, kind: 'status', status: 502 },
      code: on === 'api' ? 'api_error' : 'token_request_failed',
      transient: true,
    },
    {
      name: '503 + Retry-After',
      fault: { on, kind: 'status', status: 503, retryAfterSeconds: 7 },
      code: on === 'api' ? 'api_error' : 'token_request_failed',
      transient: true,
    },
    {
      name: 'delay past the timeout',
      fault: { on, kind: 'delay', ms: TIMEOUT_MS * 4 },
      code: 'timeout',
      transient: true,
    },
    {
      name: 'malformed JSON',
      fault: { on, kind: 'malformed_json' },
      code: 'invalid_response',
      transient: true,
    },
    {
      name: 'HTML error page',
      fault: { on, kind: 'html' },
      code: on === 'api' ? 'api_error' : 'token_request_failed',
      transient: true,
    },
    { name: 'empty 200', fault: { on, kind: 'empty' }, code: 'invalid_response', transient: true },
    { name: 'dropped connection', fault: { on, kind: 'drop' }, code: 'network_error', transient: true },
  ];
  if (on === 'token') {
    list.push({
      name: 'invalid_grant',
      fault: { on, kind: 'oauth_error', error: 'invalid_grant', status: 400 },
      code: 'invalid_grant',
      transient: false,
    });
  }
  return list;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function start() {
  const errors: LivepushAuthError[] = [];
  const logs: string[] = [];
  // One clock for the app and the mock, moved by the tests that need a due or an expired token.
  const clock = { now: Date.now() };
  const env = await setup({
    mock: { now: () => clock.now },
    auth: {
      now: () => clock.now,
      timeoutMs: TIMEOUT_MS,
      onError: (error) => errors.push(error),
      logger: {
        debug: (m, d) => logs.push(`${m} ${JSON.stringify(d)}`),
        warn: (m, d) => logs.push(`${m} ${JSON.stringify(d)}`),
        error: (m, d) => logs.push(`${m} ${JSON.stringify(d)}`),
      },
      debug: true,
    },
  });
  close = env.close;
  /** Moves the clock to `offsetMs` around the expiry of the browser's access token. */
  const atExpiry = async (offsetMs: number) => {
    const session = await env.auth.getSession(
      new Request(`${APP_ORIGIN}/`, { headers: { cookie: env.browser.cookieHeader() } }),
    );
    clock.now = session!.expiresAt + offsetMs;
  };
  return { ...env, errors, logs, clock, atExpiry };
}

/** 30 s before the token expires: inside the 60 s leeway, so the handler refreshes first. */
const DUE = -30_000;
/** 5 s after it expired: a refresh is the only way to serve the request. */
const EXPIRED = 5_000;

describe('faults on the code exchange (callback)', () => {
  it.each(cases('token'))(
    '$name → redirect with ?error=$code, no session, code never replayed',
    async ({ fault, code }) => {
      const { browser, mock, errors } = await start();
      mock.setFaults(fault);
      const landed = await browser.signIn('?returnTo=/here');
      expect(landed.origin).toBe(APP_ORIGIN);
      expect(landed.pathname).toBe('/here');
      expect(landed.searchParams.get('error')).toBe(code === 'invalid_grant' ? 'invalid_grant' : code);
      expect(await browser.session()).toEqual({ authenticated: false });
      expect(errors.at(-1)).toBeInstanceOf(ErrorClass);
      expect(errors.at(-1)!.code).toBe(code);
      // One token request: a code is never sent twice.
      expect(mock.stats().tokenRequests).toBe(1);
    },
  );
});

describe('faults on the refresh (a due token; an expired one for invalid_grant)', () => {
  it.each(cases('token'))(
    '$name → typed error, session kept unless invalid_grant',
    async ({ fault, code, transient }) => {
      const { browser, mock, errors, atExpiry } = await start();
      await browser.signIn();
      // A refused refresh while the access token still works keeps serving it (another instance may
      // have won the refresh race): the session ends once it has expired.
      await atExpiry(transient ? DUE : EXPIRED);
      const cookie = browser.jar.get('livepush_session');
      mock.setFaults(fault);
      const response = await browser.app('/auth/api/streams/streams/mine');
      expect(response.status).not.toBe(500);
      const body = (await response.json()) as { code: string; message: string };
      if (transient) {
        expect([502, 503, 504]).toContain(response.status);
        expect(body.code).toBe(code);
        expect(body.message.length).toBeGreaterThan(20);
        expect(browser.jar.get('livepush_session')).toBe(cookie);
        expect(errors.at(-1)!.isTransient).toBe(true);
        // Still signed in, and the next request (no fault) works.
        expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
      } else {
        expect(response.status).toBe(401);
        expect(body.code).toBe('unauthenticated');
        // Ended in the session's own token cookie; the next request clears every session cookie.
        expect(await browser.session()).toEqual({ authenticated: false });
        expect(browser.jar.has('livepush_session')).toBe(false);
      }
    },
  );

  it('a refresh is retried once when the connection is refused (nothing was sent), never otherwise', async () => {
    const { browser, mock, clock, atExpiry } = await start();
    await browser.signIn();
    await atExpiry(DUE);
    const refused = { count: 0 };
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    // Route the token endpoint through a closed port once: ECONNREFUSED means the request never left.
    const { createLivepushAuth } = await import('../../src/server/index');
    const flaky = createLivepushAuth({
      clientId: 'livepush-demo-client',
      clientSecret: 'livepush-demo-secret-not-for-production',
      redirectUri: `${APP_ORIGIN}/auth/callback`,
      secret: 'test-session-secret-0123456789-abcdefghij',
      endpoints: mock.endpoints,
      now: () => clock.now,
      fetch: async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : input.toString());
        if (url.pathname.endsWith('/access_token') && refused.count === 0) {
          refused.count += 1;
          url.port = String(closedPort);
          return fetch(url, init);
        }
        return fetch(input, init);
      },
    });
    const response = await flaky.handler(
      new Request(`${APP_ORIGIN}/auth/api/streams/streams/mine`, {
        headers: { cookie: browser.cookieHeader() },
      }),
    );
    expect(response.status).toBe(200);
    expect(refused.count).toBe(1);
    expect(mock.stats().refreshGrants).toBe(1);
  });

  it('a dropped connection (the request may have arrived) is not retried', async () => {
    const { browser, mock, atExpiry } = await start();
    await browser.signIn();
    await atExpiry(DUE);
    const before = mock.stats().tokenRequests;
    mock.setFaults({ on: 'token', kind: 'drop' });
    expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(502);
    expect(mock.stats().tokenRequests - before).toBe(1);
  });
});

describe('faults on the API (proxy)', () => {
  it.each(cases('api'))(
    '$name → JSON { code } with 502/503/504, session kept',
    async ({ fault, code, name }) => {
      const { browser, mock } = await start();
      await browser.signIn();
      const cookie = browser.jar.get('livepush_session');
      mock.setFaults(fault);
      const response = await browser.app('/auth/api/streams/streams/mine');
      expect([502, 503, 504]).toContain(response.status);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = (await response.json()) as { code: string };
      expect(body.code).toBe(code);
      if (name.startsWith('503')) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('7');
      }
      expect(browser.jar.get('livepush_session')).toBe(cookie);
      expect((await browser.app('/auth/api/streams/streams/mine')).status).toBe(200);
    },
  );
});

describe('nothing is left running', () => {
  it('no unhandled rejection and no timer or socket left after faults and close', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const baseline = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const { browser, mock, atExpiry } = await start();
    await browser.signIn();
    await atExpiry(DUE);
    mock.setFaults({ on: 'token', kind: 'delay', ms: 5000 }, { on: 'api', kind: 'drop' });
    await browser.app('/auth/api/streams/streams/mine');
    await browser.app('/auth/api/streams/streams/mine');
    await close!();
    close = undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
    const timers = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    expect(timers).toBeLessThanOrEqual(baseline);
  });
});
