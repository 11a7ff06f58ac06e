import type { LivepushAuthOptions, SessionStore } from '@livepush/auth-core/server';
import type { Redis } from 'ioredis';
import { describe, expectTypeOf, it } from 'vitest';
import { createRedisStore, type RedisSessionStore, type RedisStoreOptions } from '../src/index';

describe('types', () => {
  it('a Redis store is what createLivepushAuth takes as store, with a lock that is always there', () => {
    expectTypeOf(createRedisStore).returns.toEqualTypeOf<RedisSessionStore>();
    expectTypeOf<RedisSessionStore>().toExtend<SessionStore>();
    expectTypeOf<RedisSessionStore>().toExtend<NonNullable<LivepushAuthOptions['store']>>();
    expectTypeOf<RedisSessionStore['withLock']>().toEqualTypeOf<
      <T>(id: string, ttlMs: number, task: () => Promise<T>) => Promise<T>
    >();
  });

  it('options take a client or a URL', () => {
    expectTypeOf<{ url: string }>().toExtend<RedisStoreOptions>();
    expectTypeOf<{ client: Redis; keyPrefix: string }>().toExtend<RedisStoreOptions>();
    expectTypeOf<{ url: string; encrypt: { secret: string[] } }>().toExtend<RedisStoreOptions>();
    expectTypeOf<{ url: number }>().not.toExtend<RedisStoreOptions>();
    expectTypeOf<{ url: string; lockTtlMs: string }>().not.toExtend<RedisStoreOptions>();
  });
});
