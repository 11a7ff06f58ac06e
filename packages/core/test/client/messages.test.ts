// @vitest-environment happy-dom
// @vitest-environment-options { "url": "http://localhost:5173/" }
// The browser store's texts: one per code it can show, from the README's Troubleshooting table, and in
// development one console error when `/auth/session` is not the auth handler's (pure store code: fetch stubbed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LivepushAuthErrorCode } from '../../src/errors';

const README = readFileSync(join(fileURLToPath(import.meta.url), '../../../../../README.md'), 'utf8');
/** The codes of the root README's Troubleshooting table (its first column). */
const troubleshooting = [
  ...README.split('## Troubleshooting')[1]!
    .split('\n## ')[0]!
    .matchAll(/^\| `([a-z_]+)`(?:, `([a-z_]+)`)?/gm),
]
  .flatMap(([, a, b]) => [a, b])
  .filter((code): code is string => code !== undefined);

/** Every code of the union (a new one fails the type check of this list's `satisfies` until it is added). */
const CODES = [
  'invalid_config',
  'invalid_scope',
  'invalid_request',
  'access_denied',
  'authorization_error',
  'invalid_state',
  'invalid_callback',
  'invalid_grant',
  'token_request_failed',
  'network_error',
  'timeout',
  'invalid_response',
  'missing_scopes',
  'unauthenticated',
  'session_error',
  'store_unavailable',
  'api_error',
  'sign_in_refused',
] as const satisfies readonly LivepushAuthErrorCode[];
type Missing = Exclude<LivepushAuthErrorCode, (typeof CODES)[number]>;
const everyCode: Missing extends never ? true : Missing = true;

/** A fresh copy of the client modules (the hint logs once a page, so each test gets its own "page"). */
async function fresh() {
  vi.resetModules();
  const messages = await import('../../src/client/messages');
  const { createAuthClient } = await import('../../src/client/create-auth-client');
  return { ...messages, createAuthClient };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('a text for each code', () => {
  it('every code has its own sentence, none the old catch-all', async () => {
    expect(everyCode).toBe(true);
    const { clientError, isErrorCode } = await fresh();
    const texts = CODES.map((code) => clientError(code).message);
    expect(new Set(texts).size).toBe(CODES.length);
    for (const text of texts) {
      expect(text).toMatch(/^[A-Z].{10,130}[.]$/);
      expect(text).not.toMatch(/Something went wrong/);
    }
    expect(CODES.every((code) => isErrorCode(code))).toBe(true);
    // An app's own values are not the SDK's to read from a URL.
    for (const other of ['spelling', '__proto__', 'toString', 'constructor', '', null])
      expect(isErrorCode(other)).toBe(false);
  });

  it('the README Troubleshooting table (the source of the texts) names every code but the rare three it folds into others', () => {
    expect(troubleshooting.length).toBeGreaterThan(10);
    // authorization_error and invalid_callback read as invalid_state/access_denied to a user; invalid_request is a 4xx of a route.
    const folded = ['authorization_error', 'invalid_callback', 'invalid_request'];
    expect(CODES.filter((code) => !troubleshooting.includes(code) && !folded.includes(code))).toEqual([]);
  });

  it('says what to do: invalid_state names the host of redirectUri, network_error the connection, access_denied stays short', async () => {
    const { clientError } = await fresh();
    expect(clientError('invalid_state').message).toMatch(/open the app on the host of its redirectUri/);
    expect(clientError('invalid_state').message).toMatch(/localhost ≠ 127\.0\.0\.1/);
    expect(clientError('token_request_failed').message).toMatch(/client ID and secret/);
    expect(clientError('network_error').message).toMatch(/connection/);
    expect(clientError('access_denied').message).toBe('Sign-in was cancelled.');
  });

  it('a URL ?error=invalid_state shows its text in the snapshot', async () => {
    history.replaceState(null, '', '/?error=invalid_state');
    const { createAuthClient } = await fresh();
    const auth = createAuthClient({ initialSession: null, syncTabs: false });
    auth.subscribe(() => {});
    expect(auth.getSnapshot().error).toEqual({
      code: 'invalid_state',
      message: expect.stringContaining('redirectUri'),
    });
    auth.destroy();
  });
});

describe('in development: "is the auth handler mounted on this origin?"', () => {
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  const cases: [string, () => Promise<Response>, RegExp][] = [
    ['a 404', async () => new Response('Not found', { status: 404 }), /got 404/],
    [
      'an HTML page (a dev server or host fallback)',
      async () =>
        new Response('<!doctype html><div id="root"></div>', { headers: { 'content-type': 'text/html' } }),
      /got an HTML page/,
    ],
    ['a network error', async () => Promise.reject(new TypeError('Failed to fetch')), /got no answer/],
  ];

  for (const [what, answer, got] of cases) {
    it(`${what}: one console.error with the fix, however many requests fail`, async () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      const { createAuthClient } = await fresh();
      const fetch = vi.fn(answer);
      const auth = createAuthClient({ fetch: fetch as typeof globalThis.fetch, syncTabs: false });
      auth.subscribe(() => {});
      await settle();
      await auth.refresh();
      await createAuthClient({ fetch: fetch as typeof globalThis.fetch, syncTabs: false }).refresh();
      expect(fetch).toHaveBeenCalledTimes(3);
      expect(error).toHaveBeenCalledTimes(1);
      const [message] = error.mock.calls[0] as [string];
      expect(message).toMatch(got);
      expect(message).toContain('is the auth handler mounted on this origin (http://localhost:5173)?');
      expect(message).toContain("app.use('/auth', toNodeHandler(auth))");
      expect(message).toContain("server: { proxy: { '/auth': 'http://127.0.0.1:3000' } }");
      expect(auth.getSnapshot().status).toBe('unauthenticated');
      auth.destroy();
    });
  }

  it('names a custom basePath in the fix', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { createAuthClient } = await fresh();
    const fetch = async () => new Response('', { status: 404 });
    await createAuthClient({ fetch, basePath: '/api/auth', syncTabs: false }).refresh();
    expect(error.mock.calls[0]?.[0]).toContain('GET /api/auth/session got 404');
    expect(error.mock.calls[0]?.[0]).toContain("proxy: { '/api/auth':");
  });

  it('stays quiet when the handler answers (JSON, also a 401 or 503 of its own)', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { createAuthClient } = await fresh();
    for (const response of [
      json({ authenticated: false }),
      new Response('{"code":"store_unavailable"}', {
        status: 503,
        headers: { 'content-type': 'application/json' },
      }),
    ]) {
      await createAuthClient({ fetch: async () => response, syncTabs: false }).refresh();
    }
    expect(error).not.toHaveBeenCalled();
  });

  it('production (NODE_ENV=production): no console error for a 404', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { createAuthClient } = await fresh();
    const auth = createAuthClient({ fetch: async () => new Response('', { status: 404 }), syncTabs: false });
    await auth.refresh();
    expect(auth.getSnapshot().error?.code).toBe('invalid_response');
    expect(error).not.toHaveBeenCalled();
  });
});
