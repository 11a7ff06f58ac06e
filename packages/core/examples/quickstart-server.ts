import { createLivepushAuth } from '@livepush/auth-core/server';

const auth = createLivepushAuth({
  clientId: env.LIVEPUSH_CLIENT_ID!,
  clientSecret: env.LIVEPUSH_CLIENT_SECRET!,
  redirectUri: 'https://app.example.com/auth/callback',
  secret: env.SESSION_SECRET!,
  scopes: ['profile.read', 'streams.read'],
});

// Hono: app.all('/auth/*', (c) => auth.handler(c.req.raw)); Bun/Deno/Workers: the same function.
export default { fetch: (request: Request) => auth.handler(request) };

// (Where your settings come from is up to you.)
declare const env: Record<string, string | undefined>;
