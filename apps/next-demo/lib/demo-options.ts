import type { LivepushNextOptions } from '@livepush/auth-next';
import { livepushEndpointsFromEnv } from '@livepush/demo-shared/env';
import { demoSessionOptions } from '@livepush/demo-shared/session';
import { DEFAULT_CLIENT, mockEndpoints } from '@livepush/mock-server';

/** What the demo asks for at sign-in (as the other demos); `streams.create` comes later (incremental consent). */
export const SIGN_IN_SCOPES = ['profile.read', 'streams.read'] as const;

/**
 * The demo's Livepush settings, read from the environment at the first request (the library never
 * reads it): real Livepush with `LIVEPUSH_CLIENT_ID` + `LIVEPUSH_CLIENT_SECRET`, else the mock at
 * `LIVEPUSH_MOCK_URL` (default the one `npm run demo` starts on 4010). Unlike the other demos it starts
 * no embedded mock: Next.js loads this module in more than one bundle (the proxy, the pages).
 */
export function demoOptions(env: NodeJS.ProcessEnv = process.env): LivepushNextOptions {
  const port = env.PORT ?? '5176';
  const base = {
    redirectUri: env.LIVEPUSH_REDIRECT_URI ?? `http://${env.HOST ?? '127.0.0.1'}:${port}/auth/callback`,
    secret: env.SESSION_SECRET ?? '',
    scopes: [...SIGN_IN_SCOPES],
    // `streams.create` is asked for later (incremental consent): sign-ins may ask for nothing else.
    allowedScopes: [...SIGN_IN_SCOPES, 'streams.create' as const],
    // Signed out or without streams.read, /streams goes to Livepush first, then comes back.
    protect: [{ path: '/streams', scopes: ['streams.read'] as const }],
    // One memory store for the process (sign out everywhere; none with DEMO_SESSIONS=cookie) and
    // onSignIn (refuses disabled accounts, keeps memberSince), shared with the other demos.
    ...demoSessionOptions(env),
  };
  if (env.LIVEPUSH_CLIENT_ID && env.LIVEPUSH_CLIENT_SECRET) {
    return {
      ...base,
      clientId: env.LIVEPUSH_CLIENT_ID,
      clientSecret: env.LIVEPUSH_CLIENT_SECRET,
      endpoints: livepushEndpointsFromEnv(env),
    };
  }
  return {
    ...base,
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    endpoints: mockEndpoints((env.LIVEPUSH_MOCK_URL ?? 'http://127.0.0.1:4010').replace(/\/+$/, '')),
  };
}
