import type { LivepushAuthOptions } from '@livepush/auth-core/server';
import { DEFAULT_CLIENT, type MockLivepush, mockEndpoints, startMockLivepush } from '@livepush/mock-server';
import { livepushEndpointsFromEnv } from './env';
import { demoSessionOptions } from './session';

/** The scopes every demo asks for at sign-in; `streams.create` is asked for later (incremental consent). */
export const DEMO_SCOPES = ['profile.read', 'streams.read'] as const;

/** A demo's Livepush configuration and, unless real credentials were given, the mock it started. */
export interface DemoLivepush {
  options: LivepushAuthOptions;
  /** The embedded mock server, when the demo started one. */
  mock: MockLivepush | null;
  /** One line for the console: which Livepush the demo talks to. */
  describe: string;
  close(): Promise<void>;
}

/**
 * Reads the demo configuration from the environment:
 * - `LIVEPUSH_CLIENT_ID` + `LIVEPUSH_CLIENT_SECRET` set → real Livepush (endpoint overrides optional:
 *   `LIVEPUSH_AUTHORIZE_URL`, `LIVEPUSH_TOKEN_URL`, `LIVEPUSH_ACCOUNTS_API`, `LIVEPUSH_STREAMS_API`,
 *   `LIVEPUSH_VOD_IMPORT_API`);
 * - else `LIVEPUSH_MOCK_URL` set → that running mock server with its default client;
 * - else a mock server is started in-process on a free port (`MOCK_PORT` to pin it).
 * `LIVEPUSH_REDIRECT_URI` defaults to `http://127.0.0.1:{port}/auth/callback`; `SESSION_SECRET` to a
 * random secret (sessions then end when the demo restarts). `MOCK_CONSENT` = prompt | approve | deny;
 * `MOCK_TTL` = access-token lifetime in seconds (short values show refresh at work). Sessions live in
 * one memory store per process (`DEMO_SESSIONS=cookie`: in cookies), and `onSignIn` refuses a disabled account (see {@link demoSessionOptions}).
 */
export async function demoLivepushFromEnv(
  port: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DemoLivepush> {
  const redirectUri = env.LIVEPUSH_REDIRECT_URI ?? `http://127.0.0.1:${port}/auth/callback`;
  const secret =
    env.SESSION_SECRET ??
    crypto.getRandomValues(new Uint8Array(32)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
  // `streams.create` is asked for later (incremental consent): sign-ins may ask for nothing else.
  const base = {
    redirectUri,
    secret,
    scopes: [...DEMO_SCOPES],
    allowedScopes: [...DEMO_SCOPES, 'streams.create'],
    // A memory store (sign out everywhere; none with DEMO_SESSIONS=cookie) and onSignIn (refuses
    // disabled accounts, keeps memberSince).
    ...demoSessionOptions(env),
  };
  if (env.LIVEPUSH_CLIENT_ID && env.LIVEPUSH_CLIENT_SECRET) {
    const endpoints = livepushEndpointsFromEnv(env);
    return {
      options: {
        ...base,
        clientId: env.LIVEPUSH_CLIENT_ID,
        clientSecret: env.LIVEPUSH_CLIENT_SECRET,
        endpoints,
      },
      mock: null,
      describe: `real Livepush (${new URL(endpoints.authorize).host}) as client ${env.LIVEPUSH_CLIENT_ID}`,
      close: async () => {},
    };
  }
  const client = { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret };
  if (env.LIVEPUSH_MOCK_URL) {
    const url = env.LIVEPUSH_MOCK_URL.replace(/\/+$/, '');
    const endpoints = mockEndpoints(url);
    return {
      options: { ...base, ...client, endpoints },
      mock: null,
      describe: `the mock Livepush at ${url}`,
      close: async () => {},
    };
  }
  const consent = env.MOCK_CONSENT === 'approve' || env.MOCK_CONSENT === 'deny' ? env.MOCK_CONSENT : 'prompt';
  const ttl = Number(env.MOCK_TTL ?? 3600);
  const mock = await startMockLivepush({
    port: Number(env.MOCK_PORT ?? 0),
    consent,
    accessTokenTtlSeconds: ttl,
  });
  return {
    options: { ...base, ...client, endpoints: mock.endpoints },
    mock,
    describe: `an embedded mock Livepush at ${mock.url}`,
    close: () => mock.close(),
  };
}
