import { isLivepushAuthError } from '@livepush/auth-core';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisStore } from '../src/index';
import { ENCRYPT, newId, record, sleep } from './support/records';
import { useRedis } from './support/redis-fixture';

const fixture = useRedis();
const { open } = fixture;

describe('the refresh lock across instances', () => {
  it('is mutually exclusive across 4 clients × 10 tasks', async () => {
    const instances = Array.from({ length: 4 }, () => open());
    const id = newId();
    let inside = 0;
    let most = 0;
    let runs = 0;
    await Promise.all(
      instances.flatMap((store) =>
        Array.from({ length: 10 }, () =>
          store.withLock(id, 5_000, async () => {
            inside++;
            most = Math.max(most, inside);
            await sleep(3);
            runs++;
            inside--;
          }),
        ),
      ),
    );
    expect(most).toBe(1);
    expect(runs).toBe(40);
    expect(await fixture.raw.exists(`livepush:lock:${id}`)).toBe(0);
  });

  it('is a SET NX PX key with a random token and the TTL asked for', async () => {
    const store = open();
    const id = newId();
    const seen = await store.withLock(id, 4_000, async () => ({
      value: await fixture.raw.get(`livepush:lock:${id}`),
      ttl: await fixture.raw.pttl(`livepush:lock:${id}`),
    }));
    expect(seen.value).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(seen.ttl).toBeGreaterThan(3_500);
    expect(seen.ttl).toBeLessThanOrEqual(4_000);
    const configured = open({ lockTtlMs: 900 });
    const ttl = await configured.withLock(id, 4_000, () => fixture.raw.pttl(`livepush:lock:${id}`));
    expect(ttl).toBeLessThanOrEqual(900);
  });

  it('a waiter on another instance gets the holder’s result from the store', async () => {
    const [a, b] = [open(), open()];
    const id = newId();
    await a.set(id, record(1), 60);
    const holder = a.withLock(id, 5_000, async () => {
      await sleep(100);
      await a.update(id, () => record(2), 60);
    });
    await sleep(10);
    const started = Date.now();
    const seen = await b.withLock(id, 5_000, async () => (await b.get(id))?.tokens.accessToken);
    await holder;
    expect(seen).toBe('access-2');
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
  });

  it('a holder killed mid-task frees the lock after its TTL, not before', async () => {
    const victimClient = new Redis(fixture.redis.url, { lazyConnect: true });
    const victim = createRedisStore({ client: victimClient, encrypt: ENCRYPT });
    const survivor = open();
    const id = newId();
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    // The victim takes the lock and never finishes: its process dies (the connection drops).
    void victim
      .withLock(id, 800, () => {
        entered();
        return new Promise<never>(() => {});
      })
      .catch(() => {});
    await inside;
    victimClient.disconnect();
    const started = Date.now();
    const result = await survivor.withLock(id, 800, async () => 'survivor ran');
    const waited = Date.now() - started;
    expect(result).toBe('survivor ran');
    expect(waited).toBeGreaterThanOrEqual(600);
    expect(waited).toBeLessThan(2_000);
  });

  it('a waiter gives up after lockWaitMs with store_unavailable', async () => {
    const store = open({ lockWaitMs: 200 });
    const id = newId();
    await fixture.raw.set(`livepush:lock:${id}`, 'someone-else', 'PX', 10_000);
    const started = Date.now();
    const error = await store.withLock(id, 10_000, async () => 'never').catch((e: unknown) => e);
    expect(isLivepushAuthError(error, 'store_unavailable')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await fixture.raw.get(`livepush:lock:${id}`)).toBe('someone-else');
  });

  it('a holder that outlived its TTL does not release the next holder’s lock', async () => {
    const [slow, next] = [open(), open()];
    const id = newId();
    let nextHolds!: () => void;
    const nextInside = new Promise<void>((resolve) => (nextHolds = resolve));
    let finish!: () => void;
    const nextDone = new Promise<void>((resolve) => (finish = resolve));
    await slow.withLock(id, 100, async () => {
      await sleep(200); // our lock expired meanwhile
      void next.withLock(id, 5_000, async () => {
        nextHolds();
        await nextDone;
      });
      await nextInside;
    });
    // slow's release ran after its TTL: the next holder's lock is still there.
    expect(await fixture.raw.exists(`livepush:lock:${id}`)).toBe(1);
    finish();
  });

  it('with Redis unreachable, taking the lock rejects with store_unavailable (bounded)', async () => {
    const store = createRedisStore({ url: 'redis://127.0.0.1:1', encrypt: ENCRYPT, timeoutMs: 300 });
    fixture.track(store);
    const started = Date.now();
    const error = await store.withLock(newId(), 5_000, async () => 'never').catch((e: unknown) => e);
    expect(isLivepushAuthError(error, 'store_unavailable')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
