// packages/redis/README.md, "Bringing your own client": compiled by `pnpm typecheck` (tooling/test-support/test/readme.test.ts).
// biome-ignore assist/source/organizeImports: the README's order, verbatim
import { Redis } from 'ioredis';
import { createRedisStore, redisClientOptions } from '@livepush/auth-redis';

const client = new Redis(process.env.REDIS_URL!, redisClientOptions({ timeoutMs: 1000 }));
const store = createRedisStore({ client, encrypt: { secret: process.env.SESSION_SECRET! } });
await store.close();
