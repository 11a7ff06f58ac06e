import type { LivepushAuthOptions, SessionRecord, SessionStore } from '@livepush/auth-core/server';
import type { Cluster, Redis } from 'ioredis';
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

  it('the per-user methods of sign out everywhere are always there (optional on SessionStore)', () => {
    expectTypeOf<RedisSessionStore['listUserSessions']>().toEqualTypeOf<
      NonNullable<SessionStore['listUserSessions']>
    >();
    expectTypeOf<RedisSessionStore['deleteUserSessions']>().toEqualTypeOf<
      (userId: string) => Promise<number>
    >();
    expectTypeOf<ReturnType<RedisSessionStore['listUserSessions']>>().resolves.items.toEqualTypeOf<{
      id: string;
      record: SessionRecord;
    }>();
  });

  it('options take a client, a URL or cluster nodes, and always say how records are kept at rest', () => {
    expectTypeOf<{ url: string; encrypt: false }>().toExtend<RedisStoreOptions>();
    expectTypeOf<{ client: Redis; keyPrefix: string; encrypt: false }>().toExtend<RedisStoreOptions>();
    expectTypeOf<{ client: Cluster; encrypt: { secret: string } }>().toExtend<RedisStoreOptions>();
    expectTypeOf<{ cluster: string[]; encrypt: { secret: string } }>().toExtend<RedisStoreOptions>();
    expectTypeOf<{ url: string; encrypt: { secret: string[] } }>().toExtend<RedisStoreOptions>();
    expectTypeOf<{
      url: string;
      encrypt: { secret: string; readPlaintext: true };
      waitForReplicas: 'auto';
    }>().toExtend<RedisStoreOptions>();
    // Encryption at rest is never left out by accident (issue 19): no `encrypt`, no store.
    expectTypeOf<{ url: string }>().not.toExtend<RedisStoreOptions>();
    expectTypeOf<{ url: number; encrypt: false }>().not.toExtend<RedisStoreOptions>();
    expectTypeOf<{ url: string; lockTtlMs: string; encrypt: false }>().not.toExtend<RedisStoreOptions>();
    expectTypeOf<{ url: string; encrypt: true }>().not.toExtend<RedisStoreOptions>();
  });
});
