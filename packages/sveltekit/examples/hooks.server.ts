// src/hooks.server.ts — the one line (plus where your settings come from: the library never reads env).

import { createLivepushHandle } from '@livepush/auth-sveltekit';
import { env } from '$env/dynamic/private';

export const handle = createLivepushHandle({
  clientId: env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: `${env.ORIGIN}/auth/callback`,
  secret: env.SESSION_SECRET ?? '',
  scopes: ['profile.read', 'streams.read'],
  allowedScopes: ['profile.read', 'streams.read', 'streams.create'], // streams.create: asked for later
});
