import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePorts,
  info,
  killProcess,
  launchRedis,
  rawCommand,
  replicaCaughtUp,
  retrying,
  waitFor,
} from './redis-process';

/** One `redis-server` of a Sentinel set-up. */
export interface SentinelNode {
  readonly port: number;
  readonly url: string;
}

/** A primary, its replica and one Sentinel watching them, on 127.0.0.1, for one test file. */
export interface RedisSentinel {
  /** The Sentinel's address, for `new Redis({ sentinels: [sentinel], name })`. */
  readonly sentinel: { host: string; port: number };
  /** The name the primary is monitored under. */
  readonly name: string;
  /** The primary when started, then the replica (roles swap on failover: ask {@link currentPrimary}). */
  readonly nodes: readonly [SentinelNode, SentinelNode];
  /** Sends a raw command to `node` over a fresh connection. */
  command(node: SentinelNode, ...args: string[]): Promise<string>;
  /** The node Sentinel names as primary right now. */
  currentPrimary(): Promise<SentinelNode>;
  /** Crashes `node` (SIGKILL). */
  kill(node: SentinelNode): Promise<void>;
  /** Resolves once Sentinel names `node` as primary and `node` says it is one. */
  waitForPrimary(node: SentinelNode, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const NAME = 'livepush';

/**
 * Starts a primary, one replica and one Sentinel (quorum 1; a primary silent for `downAfterMs` is
 * failed over) on free loopback ports, without persistence. Resolves when the replica has applied a
 * write of the primary and Sentinel has found it.
 */
export async function startRedisSentinel(options: { downAfterMs?: number } = {}): Promise<RedisSentinel> {
  const downAfterMs = options.downAfterMs ?? 1_000;
  const dir = await mkdtemp(join(tmpdir(), 'livepush-redis-sentinel-'));
  const children: ChildProcess[] = [];
  const stopAll = async () => {
    await Promise.all(children.splice(0).map(killProcess));
  };
  const server = (port: number, nodeDir: string, extra: string[]) =>
    launchRedis(port, [
      ...[
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        nodeDir,
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      ...['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0', '--loglevel', 'warning'],
      ...extra,
    ]);

  const ports = await retrying(4, async () => {
    const [primary, replica, sentinel] = (await freePorts(3)) as [number, number, number];
    try {
      for (const port of [primary, replica, sentinel])
        await mkdir(join(dir, String(port)), { recursive: true });
      children.push(await server(primary, join(dir, String(primary)), []));
      children.push(
        await server(replica, join(dir, String(replica)), ['--replicaof', '127.0.0.1', String(primary)]),
      );
      // Sentinel rewrites its configuration file, so it gets one of its own.
      const config = join(dir, String(sentinel), 'sentinel.conf');
      await writeFile(
        config,
        [
          `port ${sentinel}`,
          'bind 127.0.0.1',
          `dir ${join(dir, String(sentinel))}`,
          `sentinel monitor ${NAME} 127.0.0.1 ${primary} 1`,
          `sentinel down-after-milliseconds ${NAME} ${downAfterMs}`,
          `sentinel failover-timeout ${NAME} 10000`,
          `sentinel parallel-syncs ${NAME} 1`,
          '',
        ].join('\n'),
      );
      children.push(await launchRedis(sentinel, [config, '--sentinel', '--loglevel', 'warning']));
      return [primary, replica, sentinel] as const;
    } catch (error) {
      await stopAll();
      throw error;
    }
  });
  const nodes = [ports[0], ports[1]].map((port) => ({ port, url: `redis://127.0.0.1:${port}` })) as [
    SentinelNode,
    SentinelNode,
  ];
  const sentinelPort = ports[2];
  const processOf = (node: SentinelNode) => children[nodes.indexOf(node as never)];

  const currentPrimary = async () => {
    const reply = await rawCommand(sentinelPort, ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', NAME]);
    const port = Number(/\$\d+\r\n(\d+)\r\n$/.exec(reply)?.[1]);
    const node = nodes.find((n) => n.port === port);
    if (!node) throw new Error(`Sentinel names an unknown primary: ${JSON.stringify(reply)}`);
    return node;
  };

  try {
    await waitFor(
      async () => {
        const replication = await info(nodes[1].port, 'replication');
        const sentinelInfo = await info(sentinelPort, 'sentinel');
        return (
          replication.get('master_link_status') === 'up' && /slaves=1/.test(sentinelInfo.get(`master0`) ?? '')
        );
      },
      15_000,
      'the replica did not sync or Sentinel did not find it',
    );
    // A write the replica has applied: the stream flows (see replicaCaughtUp).
    await rawCommand(nodes[0].port, ['SET', 'livepush-fixture:probe', 'x']);
    await waitFor(
      () => replicaCaughtUp(nodes[0].port, nodes[1].port),
      15_000,
      'the replica did not apply a write of its primary',
    );
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    sentinel: { host: '127.0.0.1', port: sentinelPort },
    name: NAME,
    nodes,
    command: (node, ...args) => rawCommand(node.port, args),
    currentPrimary,
    async kill(node) {
      await killProcess(processOf(node));
    },
    async waitForPrimary(node, timeoutMs = 20_000) {
      await waitFor(
        async () =>
          (await currentPrimary()) === node &&
          (await info(node.port, 'replication')).get('role') === 'master',
        timeoutMs,
        `${node.url} did not become the primary within ${timeoutMs} ms`,
      );
    },
    async stop() {
      await stopAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
