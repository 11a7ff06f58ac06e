// packages/redis/README.md, "React and Vue" and "Bringing your own client": compiled by `pnpm typecheck`
// (tooling/test-support/test/readme.test.ts finds them here).
import { createLivepushAuth, type LivepushAuthOptions } from '@livepush/auth-core/server';
import { createRedisStore } from '@livepush/auth-redis';

declare const options: LivepushAuthOptions;
declare const app: { all(path: string, handler: (c: { req: { raw: Request } }) => Promise<Response>): void };

const store = createRedisStore({
  url: process.env.REDIS_URL!,
  encrypt: { secret: process.env.SESSION_SECRET! },
});
const auth = createLivepushAuth({ ...options, store });
app.all('/auth/*', (c) => auth.handler(c.req.raw)); // Hono; any Web Request → Response server works
