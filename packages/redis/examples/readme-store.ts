// packages/redis/README.md, "React and Vue": compiled by `pnpm typecheck`
// (tooling/test-support/test/readme.test.ts finds it here).
import { createLivepushAuth } from '@livepush/auth-core/server';
import { createRedisStore } from '@livepush/auth-redis';

const store = createRedisStore({
  url: process.env.REDIS_URL!,
  encrypt: { secret: process.env.SESSION_SECRET! },
});
const auth = createLivepushAuth({
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: 'https://app.example.com/auth/callback',
  secret: process.env.SESSION_SECRET ?? '',
  store, // the only change
});

// Hono: app.all('/auth/*', (c) => auth.handler(c.req.raw)); any Web Request → Response server works.
export default { fetch: (request: Request) => auth.handler(request) };
