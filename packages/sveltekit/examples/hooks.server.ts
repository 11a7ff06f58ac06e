// src/hooks.server.ts — the one line (plus where your settings come from: the library never reads env).

import { createLivepushHandle } from '@livepush/auth-sveltekit';
import { mockEndpoints } from '@livepush/mock-server/endpoints';
import { env } from '$env/dynamic/private';

export const handle = createLivepushHandle({
  clientId: env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: `${env.ORIGIN}/auth/callback`, // ORIGIN: set it in .env for development too
  secret: env.SESSION_SECRET ?? '',
  scopes: ['profile.read', 'streams.read'],
  allowedScopes: ['profile.read', 'streams.read', 'streams.create'], // streams.create: asked for later
  endpoints: env.LIVEPUSH_MOCK_URL ? mockEndpoints(env.LIVEPUSH_MOCK_URL) : undefined, // the mock, in development
});
