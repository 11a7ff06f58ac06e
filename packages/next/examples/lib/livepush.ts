// lib/livepush.ts — one call; the options are read at the first request (never during `next build`).
import { createLivepushNext } from '@livepush/auth-next';

declare const process: { env: Record<string, string | undefined> };

export const {
  handlers,
  auth,
  proxy,
  requireScopes,
  signIn,
  signOut,
  getAccessToken,
  api,
  updateSession,
  refreshProfile,
  signOutUser,
  listSessions,
} = createLivepushNext(() => ({
  clientId: process.env.LIVEPUSH_CLIENT_ID!,
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET!,
  redirectUri: 'https://app.example.com/auth/callback',
  secret: process.env.SESSION_SECRET!,
  scopes: ['profile.read', 'streams.read'],
  protect: [{ path: '/streams', scopes: ['streams.read'] }], // the proxy sends visitors to sign in first
}));
