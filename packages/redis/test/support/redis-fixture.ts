import { type RedisServer, startRedisServer } from '@livepush/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createRedisStore, type RedisSessionStore, type RedisStoreOptions } from '../../src/index';
import { ENCRYPT } from './records';

/** A Redis server for the calling test file: started before its tests, stopped (with every store) after. */
export interface RedisFixture {
  /** The server (its `url`, `kill`, `restart`…). */
  readonly redis: RedisServer;
  /** A plain client, to look at what the store wrote. */
  readonly raw: Redis;
  /** A store on the server (encrypting records with {@link ENCRYPT} unless `options` say otherwise); closed after the file's tests. */
  open(options?: Partial<Omit<RedisStoreOptions, 'url' | 'client' | 'cluster'>>): RedisSessionStore;
  /** Closes `store` with the others after the file's tests. */
  track(store: RedisSessionStore): RedisSessionStore;
}

/** Registers the file's Redis server; its fields are ready inside tests. */
export function useRedis(): RedisFixture {
  let redis: RedisServer | undefined;
  let raw: Redis | undefined;
  const stores: RedisSessionStore[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
    raw = new Redis(redis.url);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    raw?.disconnect();
    await redis?.stop();
  });
  const track = (store: RedisSessionStore) => {
    stores.push(store);
    return store;
  };
  return {
    get redis() {
      return redis!;
    },
    get raw() {
      return raw!;
    },
    open: (options = {}) => track(createRedisStore({ url: redis!.url, encrypt: ENCRYPT, ...options })),
    track,
  };
}
