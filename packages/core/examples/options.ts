// Your app's Livepush options, as the README's snippets spread them (`...options`).
import type { LivepushAuthOptions } from '@livepush/auth-core/server';

export const options: LivepushAuthOptions = {
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: 'https://app.example.com/auth/callback',
  secret: process.env.SESSION_SECRET ?? '',
};
