import { createMemoryStore } from '@livepush/auth-core/server';
import { type RedisServer, startRedisServer } from '@livepush/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createRedisStore, redisClientOptions } from '../src/index';
import { ENCRYPT, record } from './support/records';
import { describeStoreContract } from './support/store-contract';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

describeStoreContract('createMemoryStore()', async () => ({
  store: createMemoryStore(),
  close: async () => {},
}));

describeStoreContract('createRedisStore({ url, encrypt })', async () => {
  const store = createRedisStore({ url: redis.url, encrypt: ENCRYPT });
  return { store, close: () => store.close() };
});

describeStoreContract('createRedisStore({ client, encrypt, keyPrefix })', async () => {
  const client = new Redis(redis.url, redisClientOptions());
  const store = createRedisStore({
    client,
    keyPrefix: 'other-app:',
    encrypt: { secret: 'a-secret-for-records-at-rest-0123456789' },
  });
  return { store, close: async () => void (await client.quit()) };
});

let users = 0;
describeStoreContract('createRedisStore({ url, encrypt }) with its own ids (tagged per user)', async () => {
  const store = createRedisStore({ url: redis.url, keyPrefix: 'tagged:', encrypt: ENCRYPT });
  return {
    store,
    close: () => store.close(),
    newId: () => store.newId({ ...record(0), user: { id: `user-${++users % 5}` } } as never),
  };
});
