import { createLivepushAuth } from '@livepush/auth-core/server';
import { mockEndpoints } from '@livepush/mock-server/endpoints';

const auth = createLivepushAuth({
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: `${process.env.ORIGIN}/auth/callback`, // ORIGIN: where users open the app
  secret: process.env.SESSION_SECRET ?? '', // ≥ 32 characters
  scopes: ['profile.read', 'streams.read'],
  endpoints: process.env.LIVEPUSH_MOCK_URL ? mockEndpoints(process.env.LIVEPUSH_MOCK_URL) : undefined,
});

// Hono: app.all('/auth/*', (c) => auth.handler(c.req.raw)); Bun/Deno/Workers: the same function.
export default { fetch: (request: Request) => auth.handler(request) };
