import { LivepushAuthError } from '@livepush/auth-core';
import type { ChainableCommander } from 'ioredis';
import { isCluster, type RedisClient } from './client';
import type { Reporter } from './reporter';
import { isNoScript } from './script';
import { slotOf } from './slot';

/** How many replicas a write waits for: a number, or `'auto'` (1 when the primary has a replica). */
export type ReplicaWait = number | 'auto';

/** Writes that wait for replicas (WAIT) in the same round trip. */
export interface Replication {
  /**
   * Sends the one command `queue` adds to a pipeline, followed by `WAIT` when the primary of `key` has
   * replicas to wait for, and returns the command's reply. `queue` is called again with `bySource` when
   * Redis did not know a script.
   */
  write(key: string, queue: (pipeline: ChainableCommander, bySource: boolean) => void): Promise<unknown>;
}

/** ROLE of a standalone primary: `['master', offset, [[host, port, offset], …]]`. */
function replicasInRole(role: unknown): number {
  return Array.isArray(role) && role[0] === 'master' && Array.isArray(role[2]) ? role[2].length : 0;
}

/**
 * Creates the write path of a store. With `'auto'`, a Cluster's writes wait for one replica when
 * the slot's primary has one (from the client's slot map, kept current by ioredis); a standalone
 * primary's when `ROLE` listed a replica on the current connection (asked once per connection).
 * A WAIT that times out (`waitMs`) or fails leaves the write in place and is reported.
 */
export function createReplication(
  client: RedisClient,
  setting: ReplicaWait,
  waitMs: number,
  reporter: Reporter,
): Replication {
  let disabled = false;
  let standaloneReplicas: Promise<number> | undefined;
  if (!isCluster(client))
    client.on('ready', () => {
      standaloneReplicas = undefined; // a new connection: perhaps to another primary (Sentinel)
    });

  const replicasFor = async (key: string): Promise<number> => {
    if (disabled) return 0;
    if (setting !== 'auto') return setting;
    if (isCluster(client)) return Math.min(1, Math.max(0, (client.slots[slotOf(key)]?.length ?? 1) - 1));
    standaloneReplicas ??= client.role().then(replicasInRole, (error: unknown) => {
      reporter.report(
        'role',
        new LivepushAuthError(
          'store_unavailable',
          `Redis refused ROLE (${error instanceof Error ? error.message : String(error)}); writes do not wait for replicas. Set waitForReplicas to a number to wait anyway.`,
        ),
      );
      return 0;
    });
    return standaloneReplicas;
  };

  const checkWait = ([error, acked]: [Error | null, unknown], asked: number) => {
    if (error) {
      disabled = true;
      reporter.report(
        'wait',
        new LivepushAuthError(
          'store_unavailable',
          `Redis refused WAIT (${error.message}); writes no longer wait for replicas, so a failover may lose the latest ones.`,
        ),
      );
    } else if (typeof acked === 'number' && acked < asked) {
      reporter.report(
        'replicas',
        new LivepushAuthError(
          'store_unavailable',
          `A session write reached ${acked} of ${asked} replicas within ${waitMs} ms; a failover now could lose it. Check the replicas.`,
        ),
      );
    } else {
      reporter.clear('replicas');
    }
  };

  return {
    async write(key, queue) {
      const replicas = await replicasFor(key);
      for (const bySource of [false, true]) {
        const pipeline = client.pipeline();
        queue(pipeline, bySource);
        if (replicas > 0) pipeline.wait(replicas, waitMs);
        const results = (await pipeline.exec()) ?? [];
        const [error, reply] = results[0] ?? [new Error('Redis sent no reply'), null];
        if (error) {
          if (!bySource && isNoScript(error)) continue;
          throw error;
        }
        if (replicas > 0 && results[1]) checkWait(results[1], replicas);
        return reply;
      }
      throw new Error('unreachable');
    },
  };
}
