import { isLivepushAuthError } from '@livepush/auth-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENCRYPT, newId, record } from './support/records';
import { useRedis } from './support/redis-fixture';
import { watchRequests } from './support/round-trips';

const fixture = useRedis();
const { open } = fixture;

afterEach(() => {
  fixture.redis.resume();
});

/** Waits until Redis answers again (after a restart). */
async function answering(operation: () => Promise<unknown>) {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return await operation();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('Redis did not come back');
}

describe('Redis errors are reported, not swallowed', () => {
  it('by default: console.error once per failure streak, the message only (no tokens, no command arguments)', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const store = open({ timeoutMs: 300 });
    const id = newId();
    await store.set(id, record(1), 60);
    fixture.redis.pause(); // frozen: every operation times out
    for (let i = 0; i < 5; i++) {
      const error = await store.get(id).catch((e: unknown) => e);
      expect(isLivepushAuthError(error, 'store_unavailable')).toBe(true);
    }
    await expect(store.set(id, record(2), 60)).rejects.toThrow(/Redis did not answer/);
    expect(printed).toHaveBeenCalledTimes(1);
    const line = String(printed.mock.calls[0]![0]);
    expect(line).toMatch(/^\[@livepush\/auth-redis\] Redis did not answer \(timed out after 300 ms/);
    expect(line).toContain('not logged again until this clears up');
    expect(printed.mock.calls[0]).toHaveLength(1); // a string, never the error object
    fixture.redis.resume();
    // The SET was on the socket when Redis froze: it may land late (the caller was told 503 either way).
    expect([record(1), record(2)]).toContainEqual(await answering(() => store.get(id)));
    // A new streak is reported again.
    fixture.redis.pause();
    await expect(store.get(id)).rejects.toThrow(/Redis did not answer/);
    expect(printed).toHaveBeenCalledTimes(2);
    for (const [text] of printed.mock.calls)
      for (const secret of ['access-1', 'refresh-1', 'access-2', 'refresh-2'])
        expect(String(text)).not.toContain(secret);
  });

  it('an onError of your own gets every failure as it happens', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const errors: Error[] = [];
    const store = open({ timeoutMs: 300, onError: (error) => errors.push(error) });
    await store.get(newId()); // connected
    fixture.redis.pause();
    await Promise.all(Array.from({ length: 3 }, () => store.get(newId()).catch(() => {})));
    expect(errors).toHaveLength(3);
    for (const error of errors) expect(isLivepushAuthError(error, 'store_unavailable')).toBe(true);
    expect(printed).not.toHaveBeenCalled();
  });

  it('a write that waits for a replica that is not there goes on after replicaWaitMs, and says so', async () => {
    const errors: Error[] = [];
    const store = open({ waitForReplicas: 1, replicaWaitMs: 150, onError: (error) => errors.push(error) });
    const id = newId();
    await store.get(id); // connected
    const sent = watchRequests(store.client);
    const started = performance.now();
    await store.set(id, record(1), 60);
    sent.stop();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(await store.get(id)).toEqual(record(1)); // the write stands
    expect(sent.commands).toEqual(['set', 'wait']);
    expect(sent.roundTrips).toBe(1); // sent together
    expect(errors.map((e) => e.message)).toEqual([
      'A session write reached 0 of 1 replicas within 150 ms; a failover now could lose it. Check the replicas.',
    ]);
  });

  it("'auto' asks the primary once per connection and sends no WAIT when it has no replica", async () => {
    const store = open();
    const id = newId();
    await store.set(id, record(1), 60); // connects, asks ROLE
    await store.update(id, () => record(1), 60); // Redis learns the script
    const sent = watchRequests(store.client);
    await store.set(id, record(2), 60);
    await store.update(id, () => record(3), 60);
    await store.delete(id);
    sent.stop();
    expect(sent.commands).toEqual(['set', 'get', 'evalsha', 'del']);
  });
});

describe('records kept in clear before encryption was on', () => {
  it('read as no session (reported once, saying what to set) unless readPlaintext; then re-encrypted on their next write', async () => {
    const plain = open({ encrypt: false, keyPrefix: 'migrating:' });
    const id = newId();
    await plain.set(id, record(1), 60);
    const errors: Error[] = [];
    const strict = open({ keyPrefix: 'migrating:', onError: (error) => errors.push(error) });
    expect(await strict.get(id)).toBeNull();
    expect(errors).toHaveLength(1);
    expect(isLivepushAuthError(errors[0], 'invalid_config')).toBe(true);
    expect(errors[0]!.message).toContain('encrypt: { secret, readPlaintext: true }');

    const migrating = open({ keyPrefix: 'migrating:', encrypt: { ...ENCRYPT, readPlaintext: true } });
    expect(await migrating.get(id)).toEqual(record(1));
    await migrating.update(id, (current) => current && { ...current, updatedAt: current.updatedAt + 1 }, 60);
    const raw = (await fixture.raw.get(migrating.keyOf(id)))!;
    expect(raw.startsWith('e1.')).toBe(true);
    expect(await strict.get(id)).toEqual({ ...record(1), updatedAt: record(1).updatedAt + 1 });
  });
});

describe('the refresh lock and the record', () => {
  it('taking the lock reads the record too; the write under it releases the lock; nothing more is sent', async () => {
    const store = open();
    const id = store.newId({ ...record(1), user: { id: 'user-1' } } as never);
    await store.set(id, record(1), 60);
    // Redis learns the scripts.
    await store.withLock(id, 5_000, () => store.update(id, () => record(1), 60));
    const sent = watchRequests(store.client);
    const seen = await store.withLock(id, 5_000, async () => {
      const current = await store.get(id); // answered from what came with the lock
      await store.update(id, (r) => (r?.tokens.refreshToken === 'refresh-1' ? record(2) : r), 60);
      return { current, lockAfterWrite: await fixture.raw.exists(`livepush:lock:${id}`) };
    });
    sent.stop();
    expect(seen.current).toEqual(record(1));
    expect(seen.lockAfterWrite).toBe(0); // released by the write, before the task ended
    expect(sent.commands).toEqual(['evalsha', 'evalsha']);
    expect(await store.get(id)).toEqual(record(2));
  });

  it('a write under the lock that finds the record changed retries; it never releases someone else’s lock', async () => {
    const [holder, other] = [open(), open()];
    const id = holder.newId({ ...record(1), user: null } as never);
    await holder.set(id, record(1), 60);
    const result = await holder.withLock(id, 5_000, async () => {
      await holder.get(id);
      await other.set(id, record(5), 60); // changed meanwhile (another instance's write)
      return holder.update(id, (r) => (r ? { ...r, updatedAt: r.updatedAt + 1 } : r), 60);
    });
    expect(result).toEqual({ ...record(5), updatedAt: record(5).updatedAt + 1 });
    expect(await fixture.raw.exists(`livepush:lock:${id}`)).toBe(0);
    await fixture.raw.set(`livepush:lock:${id}`, 'someone-else', 'PX', 10_000);
    await holder.update(id, (r) => r, 60); // outside any lock: leaves that lock alone
    expect(await fixture.raw.get(`livepush:lock:${id}`)).toBe('someone-else');
  });
});
