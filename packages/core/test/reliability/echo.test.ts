import type { MockEchoFault, MockLivepush } from '@livepush/mock-server';
import { describe, expect, it } from 'vitest';
import type { LivepushAuthError } from '../../src/index';
import type { LivepushAuthOptions } from '../../src/server/index';
import { APP_ORIGIN, Browser, setupTest } from '../integration/harness';

/**
 * A token endpoint (or a gateway in front of it, or an API) that copies the request into its error:
 * the client secret, code, PKCE verifier, refresh token or access token come back in `error`,
 * `error_description`, `message` or a plain body — raw, percent- or form-encoded, cut short. None of
 * it may reach the browser, a log line (debug included), `onError` or any field of an error.
 */

/** A console-style secret with every character that encodes differently: `+`, `/`, `=` and a space. */
const CLIENT_SECRET = 'Zq8+v/Kp=Lm2 Xr/Tt9+wB4=nH/yE7==';
const CLIENT_ID = 'echo-app';
/** Any run this long of a secret, in any encoding, counts as a leak. */
const WINDOW = 8;

/** Every spelling of `value` a server or gateway may echo. */
function spellings(value: string): string[] {
  const percent = encodeURIComponent(value);
  return [
    value,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    new URLSearchParams({ v: value }).toString().slice(2),
    value.replaceAll('+', ' '),
    JSON.stringify(value).slice(1, -1).replaceAll('/', '\\/'),
    btoa(`${CLIENT_ID}:${new URLSearchParams({ v: value }).toString().slice(2)}`),
  ];
}

/** The first run of {@link WINDOW} characters of any secret (any spelling) found in `text`. */
function firstLeak(text: string, secrets: Iterable<string>): string | undefined {
  for (const secret of secrets)
    for (const spelling of spellings(secret))
      for (let i = 0; i + WINDOW <= spelling.length; i++) {
        const run = spelling.slice(i, i + WINDOW);
        if (text.includes(run)) return `${run} (of ${secret.slice(0, 4)}…)`;
      }
  return undefined;
}

/** An app on a mock whose client secret has `+ / =` and a space, recording every sink a secret could reach. */
async function echoApp(auth: Partial<LivepushAuthOptions> = {}) {
  const secrets = new Set<string>([CLIENT_SECRET]);
  const sinks: string[] = [];
  const errors: LivepushAuthError[] = [];
  const log = (level: string) => (message: string, data?: Record<string, unknown>) =>
    void sinks.push(`${level} ${message} ${JSON.stringify(data ?? {})}`);
  let now = Date.now();
  const env = await setupTest({
    mock: {
      clients: [
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${APP_ORIGIN}/auth/callback`] },
      ],
    },
    auth: {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      debug: true,
      now: () => now,
      logger: { debug: log('debug'), warn: log('warn'), error: log('error') },
      onError: (error) => void errors.push(error),
      // Observes (never changes) what goes to Livepush, to learn every code, verifier and token.
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const url = new URL(input instanceof Request ? input.url : input.toString());
        const params = new URLSearchParams(url.search);
        if (typeof init?.body === 'string' || init?.body instanceof URLSearchParams)
          for (const [name, value] of new URLSearchParams(init.body)) params.append(name, value);
        for (const name of ['code', 'code_verifier', 'refresh_token'])
          for (const value of params.getAll(name)) secrets.add(value);
        const bearer = new Headers(init?.headers).get('authorization');
        if (bearer?.startsWith('Bearer ')) secrets.add(bearer.slice(7));
        if (url.pathname.endsWith('/access_token') && response.ok) {
          const body = (await response.clone().json()) as Record<string, string>;
          secrets.add(body.access_token!);
          secrets.add(body.refresh_token!);
        }
        return response;
      },
      ...auth,
    },
  });
  const browser = new Browser(env.auth);
  const app = async (path: string, init?: RequestInit) => {
    const response = await browser.app(path, init);
    sinks.push(`${response.status} ${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`);
    return response;
  };
  /** Everything that left the server or reached a hook, as one text. */
  const haystack = () => {
    const fromErrors = errors.map(
      (error) =>
        `${error.message} ${JSON.stringify({ ...error })} ${error.oauthError} ${error.oauthErrorDescription} ${String(error.cause)} ${error.stack}`,
    );
    return [...sinks, ...browser.bodies, ...browser.locations, ...fromErrors].join('\n');
  };
  return {
    ...env,
    browser,
    app,
    secrets,
    errors,
    haystack,
    /** Makes the access token due by moving the app's clock past its lifetime. */
    expire: () => {
      now += 3_601_000;
    },
  };
}

/** Every echo a careless server sends: each encoding, cut short, into each field. */
const ECHOES: MockEchoFault[] = [
  {},
  { encoding: 'decoded' },
  { encoding: 'percent' },
  { encoding: 'form' },
  { encoding: 'decoded', truncate: 12 },
  { encoding: 'as-sent', truncate: 20 },
  { into: 'error' },
  { into: 'error', encoding: 'decoded' },
  { into: 'error', encoding: 'percent', status: 401 },
  { into: 'text', encoding: 'decoded', status: 502 },
  { into: 'message', encoding: 'decoded', status: 500 },
  { echo: 'headers' },
];

function expectNoLeak(haystack: string, secrets: Set<string>): void {
  expect(secrets.size).toBeGreaterThanOrEqual(3);
  expect(firstLeak(haystack, secrets)).toBeUndefined();
}

async function mockEchoes(mock: MockLivepush, echo: MockEchoFault): Promise<void> {
  mock.setFaults({ on: 'token', kind: 'echo', ...echo });
}

describe('the client secret never leaves the server, whatever the token endpoint echoes', () => {
  it(`code exchange (${ECHOES.length} echoes): the sign-in fails with a code, nothing of any secret anywhere`, async () => {
    const env = await echoApp();
    for (const echo of ECHOES) {
      await mockEchoes(env.mock, echo);
      const end = await env.browser.signIn('?returnTo=/start');
      expect(end.pathname + end.search).toMatch(/^\/start\?error=(token_request_failed|invalid_grant)$/);
      expect(env.mock.stats().faultsInjected).toBe(ECHOES.indexOf(echo) + 1);
    }
    expect(env.errors).toHaveLength(ECHOES.length);
    // The provider's text is kept for the server, redacted, on its own fields.
    expect(env.errors.some((error) => error.oauthErrorDescription?.includes('[redacted]'))).toBe(true);
    expectNoLeak(env.haystack(), env.secrets);
  });

  it(`refresh (${ECHOES.length} echoes) through the proxy and the session route: typed errors, session kept, nothing leaks`, async () => {
    const env = await echoApp();
    await env.browser.signIn();
    for (const echo of ECHOES) {
      env.expire();
      await mockEchoes(env.mock, echo);
      const proxied = await env.app('/auth/api/streams/streams/mine');
      expect(proxied.status).toBeGreaterThanOrEqual(400);
      const body = (await proxied.json()) as { code: string; message: string };
      expect(body.code).toMatch(/^(token_request_failed|unauthenticated)$/);
      if (body.code === 'unauthenticated') await env.browser.signIn();
    }
    await env.app('/auth/session');
    expect(env.errors.length).toBeGreaterThanOrEqual(ECHOES.length);
    expectNoLeak(env.haystack(), env.secrets);
  });

  it("tokenRequestMethod 'POST': an echoed form body, and HTTP Basic credentials echoed from the headers", async () => {
    for (const auth of [
      { tokenRequestMethod: 'POST' as const },
      { tokenRequestMethod: 'POST' as const, tokenEndpointAuthMethod: 'client_secret_basic' as const },
    ]) {
      const env = await echoApp(auth);
      for (const echo of [{}, { encoding: 'decoded' as const }, { echo: 'headers' as const }]) {
        await mockEchoes(env.mock, echo);
        const end = await env.browser.signIn();
        expect(end.searchParams.get('error')).toBe('token_request_failed');
      }
      await env.browser.signIn();
      env.expire();
      await mockEchoes(env.mock, { echo: 'headers', into: 'error' });
      await env.app('/auth/api/streams/streams/mine');
      expect(env.errors.length).toBeGreaterThanOrEqual(4);
      expectNoLeak(env.haystack(), env.secrets);
    }
  });

  it('browser-facing messages are fixed texts per code; the redacted provider text stays on oauthError/oauthErrorDescription', async () => {
    const env = await echoApp();
    await env.browser.signIn();
    const messages = new Set<string>();
    for (const echo of [{ encoding: 'decoded' as const }, { encoding: 'decoded' as const, truncate: 5 }]) {
      env.expire();
      await mockEchoes(env.mock, echo);
      const response = await env.app('/auth/api/streams/streams/mine');
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe('token_request_failed');
      messages.add(body.message);
    }
    expect(messages.size).toBe(1); // the same text whatever Livepush said
    const [error] = env.errors;
    expect(error?.message).not.toMatch(/client_secret|grant_type|refresh_token/);
    expect(error?.oauthError).toBe('invalid_request');
    expect(error?.oauthErrorDescription).toMatch(/grant_type=refresh_token/);
    expect(error?.oauthErrorDescription).toMatch(/client_secret=\[redacted\]/);
    expect(error?.oauthErrorDescription).toMatch(/refresh_token=\[redacted\]/);
  });
});

describe('the access token never reaches the browser through the proxy', () => {
  it('an upstream error that echoes the Authorization header is redacted before it is sent on', async () => {
    const env = await echoApp();
    await env.browser.signIn();
    const echoes: MockEchoFault[] = [
      { echo: 'headers' },
      // A 401 is refreshed and retried once: both answers echo (two tokens to keep out).
      { echo: 'headers', status: 401, times: 2 } as MockEchoFault,
      { echo: 'headers', status: 403, truncate: 20 },
      { echo: 'headers', status: 404, into: 'error' },
      { echo: 'headers', into: 'text', status: 400 },
      { echo: 'headers', status: 500 },
    ];
    for (const echo of echoes) {
      env.mock.setFaults({ on: 'api', kind: 'echo', ...echo });
      const response = await env.app('/auth/api/streams/streams/mine');
      expect(response.status).toBe(echo.status === 500 ? 502 : (echo.status ?? 400));
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      JSON.parse(await response.clone().text());
    }
    expect(env.mock.stats().faultsInjected).toBe(echoes.length + 1);
    expectNoLeak(env.haystack(), env.secrets);
  });
});
