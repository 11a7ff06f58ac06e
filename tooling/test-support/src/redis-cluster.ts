import { type ChildProcess, execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  clusterInfo,
  freePorts,
  info,
  killProcess,
  launchRedis,
  parseReply,
  type Reply,
  rawCommand,
  replicaCaughtUp,
  replyText,
  retrying,
  waitFor,
} from './redis-process';

const REDIS_CLI = process.env.REDIS_CLI ?? '/usr/bin/redis-cli';

/** One `redis-server` of a test cluster. */
export interface RedisClusterNode {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** The node's cluster id (40 hex characters). */
  readonly id: string;
}

/** A throwaway Redis Cluster on 127.0.0.1, for one test file. */
export interface RedisCluster {
  /** Every node, primaries first as created (their roles change on failover: ask {@link primaryOf}). */
  readonly nodes: readonly RedisClusterNode[];
  /** The startup URLs to give a client: every node. */
  readonly urls: readonly string[];
  /** How long creating the cluster took, ms (processes started, slots assigned, replicas in sync). */
  readonly startupMs: number;
  /** Sends a raw command to `node` over a fresh connection. */
  command(node: RedisClusterNode, ...args: string[]): Promise<string>;
  /** The hash slot of `key` (`CLUSTER KEYSLOT`). */
  slotOf(key: string): Promise<number>;
  /** The primary serving `key`'s slot right now, as a live node sees it. */
  primaryOf(key: string): Promise<RedisClusterNode>;
  /** The nodes that are primaries (serving slots) right now. */
  primaries(): Promise<RedisClusterNode[]>;
  /** A replica of `primary` right now. */
  replicaOf(primary: RedisClusterNode): Promise<RedisClusterNode>;
  /** Crashes `node` (SIGKILL): no shutdown, no save. */
  kill(node: RedisClusterNode): Promise<void>;
  /** Resolves once `node` is a primary that every live node agrees on, with the cluster state `ok`. */
  waitForPrimary(node: RedisClusterNode, timeoutMs?: number): Promise<void>;
  /** Stops every node and removes their files. */
  stop(): Promise<void>;
}

/** Options of {@link startRedisCluster}. */
export interface RedisClusterOptions {
  /** Default 3. */
  primaries?: number;
  /** Default 1. */
  replicasPerPrimary?: number;
  /** `cluster-node-timeout`, ms: how soon a silent primary is failed over. Default 2000 (1 s is faster, but a loaded 2-core machine can miss heartbeats that long). */
  nodeTimeoutMs?: number;
}

interface NodeLine {
  id: string;
  port: number;
  flags: string[];
  primaryId: string;
  connected: boolean;
  slots: string[];
}

/** `CLUSTER NODES` of the node on `port`, parsed. */
async function clusterNodes(port: number): Promise<NodeLine[]> {
  const text = replyText(await rawCommand(port, ['CLUSTER', 'NODES']));
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, primaryId, , , , link, ...slots] = line.trim().split(' ');
      return {
        id: id!,
        port: Number(/:(\d+)@/.exec(address!)?.[1]),
        flags: flags!.split(','),
        primaryId: primaryId!,
        connected: link === 'connected',
        slots,
      };
    });
}

/** Whether `slot` is in one of `ranges` (`"0-5460"`, `"42"`). */
const servesSlot = (ranges: readonly string[], slot: number) =>
  ranges.some((range) => {
    const [from, to = from] = range.split('-').map(Number);
    return slot >= from! && slot <= to!;
  });

/**
 * Starts a Redis Cluster (default 3 primaries, 1 replica each) on free loopback ports: each node a
 * `redis-server` with `cluster-enabled yes` in a temp directory, no persistence, joined with
 * `redis-cli --cluster create`. Resolves when every node sees state `ok` and every replica has applied
 * its primary's writes.
 * A port taken by someone else between choosing and binding it makes the whole attempt start again.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const primaries = options.primaries ?? 3;
  const replicas = options.replicasPerPrimary ?? 1;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 2_000;
  const size = primaries * (1 + replicas);
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'livepush-redis-cluster-'));
  const children = new Map<number, ChildProcess>();

  const stopAll = async () => {
    await Promise.all([...children.values()].map(killProcess));
    children.clear();
  };

  const launch = async (): Promise<number[]> => {
    const ports = await freePorts(size * 2); // each node: a client port and a cluster bus port
    const clientPorts = ports.slice(0, size);
    try {
      // allSettled: every process that did start is known (and stopped) before a failure is thrown.
      const launched = await Promise.allSettled(
        clientPorts.map(async (port, i) => {
          const nodeDir = join(dir, String(port));
          await mkdir(nodeDir, { recursive: true });
          children.set(
            port,
            await launchRedis(port, [
              ...['--port', String(port), '--cluster-port', String(ports[size + i])],
              ...['--bind', '127.0.0.1', '--dir', nodeDir, '--save', '', '--appendonly', 'no'],
              ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
              ...['--cluster-node-timeout', String(nodeTimeoutMs), '--cluster-replica-validity-factor', '0'],
              // Replicas sync at once (the default waits 5 s for more replicas to share a transfer).
              ...['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0', '--loglevel', 'warning'],
            ]),
          );
        }),
      );
      for (const result of launched) if (result.status === 'rejected') throw result.reason;
      await promisify(execFile)(
        REDIS_CLI,
        [
          '--cluster',
          'create',
          ...clientPorts.map((port) => `127.0.0.1:${port}`),
          '--cluster-replicas',
          String(replicas),
          '--cluster-yes',
        ],
        { timeout: 20_000 },
      );
      return clientPorts;
    } catch (error) {
      await stopAll();
      throw error;
    }
  };

  const ports = await retrying(4, launch);
  const ready = (check: (port: number) => Promise<boolean>, what: string) =>
    waitFor(
      async () => {
        for (const port of ports) if (!(await check(port))) return false;
        return true;
      },
      20_000,
      `the Redis cluster did not become ready: ${what}`,
    );
  try {
    await ready(async (port) => {
      if ((await clusterInfo(port)).get('cluster_state') !== 'ok') return false;
      const replication = await info(port, 'replication');
      return replication.get('role') !== 'slave' || replication.get('master_link_status') === 'up';
    }, 'state ok and replicas in sync');
    // One write per primary: CLUSTER SLOTS leaves out a replica until it has replicated something.
    // The primaries are read again until each serving slots has written once: on a loaded machine a
    // node can miss a heartbeat and be failed over while the cluster forms.
    const written = new Set<number>();
    await waitFor(
      async () => {
        const serving = (await clusterNodes(ports[0]!)).filter(
          (line) => line.flags.includes('master') && line.slots.length > 0,
        );
        for (const line of serving) {
          for (let n = 0; n < 2_000 && !written.has(line.port); n++) {
            const reply = await rawCommand(line.port, ['SET', `livepush-fixture:{${n}}`, 'x']);
            if (reply.startsWith('+OK')) written.add(line.port);
            else if (!reply.startsWith('-MOVED')) return false;
          }
        }
        return serving.length === primaries && serving.every((line) => written.has(line.port));
      },
      20_000,
      'the Redis cluster did not become ready: one write on every primary',
    );
    // Every replica has applied its primary's writes: the stream flows (see replicaCaughtUp).
    await waitFor(
      async () => {
        const lines = await clusterNodes(ports[0]!);
        const replicaLines = lines.filter((line) => line.flags.includes('slave'));
        const portOf = (id: string) => lines.find((line) => line.id === id)?.port;
        if (replicaLines.length < primaries * replicas) return false;
        for (const line of replicaLines) {
          const primary = portOf(line.primaryId);
          if (primary === undefined || !(await replicaCaughtUp(primary, line.port))) return false;
        }
        return true;
      },
      20_000,
      'the Redis cluster did not become ready: every replica applied its primary’s write',
    );
    // Then every node's slot map (what clients read) lists every primary's replicas.
    await ready(async (port) => {
      const slots = parseReply(await rawCommand(port, ['CLUSTER', 'SLOTS'])) as Reply[][];
      return slots.length === primaries && slots.every((range) => range.length >= 3 + replicas);
    }, 'replicas listed in CLUSTER SLOTS');
  } catch (error) {
    await stopAll();
    throw error;
  }
  const ids = new Map((await clusterNodes(ports[0]!)).map((line) => [line.port, line.id]));
  const nodes: RedisClusterNode[] = ports.map((port) => ({
    port,
    url: `redis://127.0.0.1:${port}`,
    id: ids.get(port)!,
  }));
  const byId = (id: string) => nodes.find((node) => node.id === id)!;
  const liveNodes = () =>
    nodes.filter((node) => {
      const child = children.get(node.port);
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    });
  /** CLUSTER NODES as seen by a live node. */
  const topology = async () => {
    const [live] = liveNodes();
    if (!live) throw new Error('no live node in the cluster');
    return clusterNodes(live.port);
  };

  const cluster: RedisCluster = {
    nodes,
    urls: nodes.map((node) => node.url),
    startupMs: performance.now() - started,
    command: (node, ...args) => rawCommand(node.port, args),
    async slotOf(key) {
      return Number(replyText(await rawCommand(liveNodes()[0]!.port, ['CLUSTER', 'KEYSLOT', key])));
    },
    async primaryOf(key) {
      const slot = await cluster.slotOf(key);
      const line = (await topology()).find(
        (l) => l.flags.includes('master') && !l.flags.includes('fail') && servesSlot(l.slots, slot),
      );
      if (!line) throw new Error(`no primary serves slot ${slot}`);
      return byId(line.id);
    },
    async primaries() {
      const lines = await topology();
      return lines
        .filter((l) => l.flags.includes('master') && !l.flags.includes('fail') && l.slots.length > 0)
        .map((l) => byId(l.id));
    },
    async replicaOf(primary) {
      const line = (await topology()).find((l) => l.primaryId === primary.id && l.flags.includes('slave'));
      if (!line) throw new Error(`${primary.url} has no replica`);
      return byId(line.id);
    },
    async kill(node) {
      await killProcess(children.get(node.port));
    },
    async waitForPrimary(node, timeoutMs = 15_000) {
      await waitFor(
        async () => {
          for (const live of liveNodes()) {
            if ((await clusterInfo(live.port)).get('cluster_state') !== 'ok') return false;
            const line = (await clusterNodes(live.port)).find((l) => l.id === node.id);
            if (!line?.flags.includes('master') || line.slots.length === 0) return false;
          }
          return true;
        },
        timeoutMs,
        `${node.url} did not become a primary within ${timeoutMs} ms`,
      );
    },
    async stop() {
      await stopAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
