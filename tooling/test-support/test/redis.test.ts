import { describe, expect, it } from 'vitest';
import { startRedisCluster, startRedisSentinel } from '../src/index';
import { rawCommand, replicaCaughtUp } from '../src/redis-process';

const answers = (port: number) =>
  rawCommand(port, ['PING'], 500).then(
    (reply) => reply.startsWith('+PONG'),
    () => false,
  );

describe('throwaway Redis topologies', () => {
  it('startRedisCluster: 3 primaries with a replica each (applying its writes) on free ports, slot maps complete; stop() ends every node', async () => {
    const cluster = await startRedisCluster();
    try {
      expect(new Set(cluster.nodes.map((n) => n.port)).size).toBe(6);
      const primaries = await cluster.primaries();
      expect(primaries).toHaveLength(3);
      for (const primary of primaries) {
        const replica = await cluster.replicaOf(primary);
        expect(primaries).not.toContainEqual(replica);
        // The replication stream flows: the replica has applied its primary's writes.
        expect(await replicaCaughtUp(primary.port, replica.port)).toBe(true);
      }
      expect(await cluster.slotOf('{user1000}.following')).toBe(await cluster.slotOf('user1000'));
      expect(primaries).toContainEqual(await cluster.primaryOf('some-key'));
    } finally {
      await cluster.stop();
    }
    for (const node of cluster.nodes) expect(await answers(node.port)).toBe(false);
  });

  it('startRedisSentinel: a primary, its replica (applying its writes) and a Sentinel naming the primary; stop() ends them', async () => {
    const sentinel = await startRedisSentinel();
    try {
      expect(await sentinel.currentPrimary()).toBe(sentinel.nodes[0]);
      expect(await sentinel.command(sentinel.nodes[1], 'ROLE')).toContain('slave');
      expect(await replicaCaughtUp(sentinel.nodes[0].port, sentinel.nodes[1].port)).toBe(true);
    } finally {
      await sentinel.stop();
    }
    for (const port of [...sentinel.nodes.map((n) => n.port), sentinel.sentinel.port])
      expect(await answers(port)).toBe(false);
  });
});
