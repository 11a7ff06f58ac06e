// packages/redis/README.md, "Redis Cluster / managed Redis": compiled by `pnpm typecheck` (tooling/test-support/test/readme.test.ts).
// biome-ignore assist/source/organizeImports: the README's order, verbatim
import { Cluster, Redis } from 'ioredis';
import { createRedisStore, redisClientOptions, redisClusterOptions } from '@livepush/auth-redis';

declare const env: Record<string, string>;

// The store creates the ioredis Cluster from a few nodes' URLs (and close() ends it).
export const store = createRedisStore({
  cluster: [
    'rediss://default:password@redis-1.internal:6379',
    'rediss://default:password@redis-2.internal:6379',
  ],
  encrypt: { secret: env.SESSION_SECRET! },
});

const cluster = new Cluster([{ host: env.REDIS_HOST!, port: 6379 }], {
  ...redisClusterOptions({ timeoutMs: 1000 }),
  dnsLookup: (address, callback) => callback(null, address), // AWS ElastiCache / MemoryDB with TLS
  redisOptions: { ...redisClusterOptions({ timeoutMs: 1000 }).redisOptions, tls: {} },
});
export const ownCluster = createRedisStore({ client: cluster, encrypt: { secret: env.SESSION_SECRET! } });

const primary = new Redis({
  sentinels: [{ host: 'sentinel-1.internal', port: 26379 }],
  name: 'mymaster',
  ...redisClientOptions({ timeoutMs: 1000 }),
});
export const behindSentinel = createRedisStore({ client: primary, encrypt: { secret: env.SESSION_SECRET! } });
