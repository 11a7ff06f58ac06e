import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';

/** The `redis-server` binary (`REDIS_SERVER` overrides; Debian's package puts it here). */
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** A port that was free a moment ago (the caller retries if someone takes it first). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** `count` distinct ports that were free a moment ago. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** RESP encoding of one command. */
const encode = (args: readonly string[]) =>
  `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

/** Where the RESP value starting at `at` ends in `reply`, or -1 while it is incomplete. */
function endOfValue(reply: Buffer, at: number): number {
  const lineEnd = reply.indexOf('\r\n', at);
  if (lineEnd < 0) return -1;
  const type = String.fromCharCode(reply[at]!);
  const count = Number(reply.subarray(at + 1, lineEnd).toString('utf8'));
  if (type === '$') {
    if (count < 0) return lineEnd + 2;
    const end = lineEnd + 2 + count + 2;
    return reply.length >= end ? end : -1;
  }
  if (type === '*') {
    let next = lineEnd + 2;
    for (let i = 0; i < count; i++) {
      next = endOfValue(reply, next);
      if (next < 0) return -1;
    }
    return next;
  }
  return lineEnd + 2; // +status, -error, :integer
}

/**
 * Sends one command over a fresh connection to 127.0.0.1:`port` and returns its raw RESP reply.
 */
export function rawCommand(port: number, args: readonly string[], timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let reply = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`redis ${args[0]} timed out`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk) => {
      reply = Buffer.concat([reply, chunk]);
      if (endOfValue(reply, 0) === reply.length) {
        clearTimeout(timer);
        socket.end();
        resolve(reply.toString('utf8'));
      }
    });
    socket.connect(port, '127.0.0.1', () => socket.write(encode(args)));
  });
}

/** A RESP reply as values: strings, numbers, `null`, arrays (an error reply throws). */
export type Reply = string | number | null | Reply[];

/** Parses the RESP value at `at` in `text`: the value and where the next one starts. */
function parseAt(text: string, at: number): [Reply, number] {
  const lineEnd = text.indexOf('\r\n', at);
  const type = text[at];
  const line = text.slice(at + 1, lineEnd);
  if (type === '+') return [line, lineEnd + 2];
  if (type === ':') return [Number(line), lineEnd + 2];
  if (type === '-') throw new Error(line);
  const count = Number(line);
  if (count < 0) return [null, lineEnd + 2];
  if (type === '$') {
    const bytes = Buffer.from(text.slice(lineEnd + 2), 'utf8')
      .subarray(0, count)
      .toString('utf8');
    return [bytes, lineEnd + 2 + bytes.length + 2];
  }
  const items: Reply[] = [];
  let next = lineEnd + 2;
  for (let i = 0; i < count; i++) {
    const [item, after] = parseAt(text, next);
    items.push(item);
    next = after;
  }
  return [items, next];
}

/** The value of a raw RESP reply from {@link rawCommand}. */
export const parseReply = (reply: string): Reply => parseAt(reply, 0)[0];

/** The text of a bulk or status reply (`$n\r\n…\r\n` or `+…\r\n`). */
export function replyText(reply: string): string {
  if (reply.startsWith('+') || reply.startsWith(':')) return reply.slice(1).trimEnd();
  if (reply.startsWith('-')) throw new Error(reply.slice(1).trimEnd());
  const match = /^\$(\d+)\r\n/.exec(reply);
  if (!match) throw new Error(`unexpected reply ${JSON.stringify(reply.slice(0, 40))}`);
  return Buffer.from(reply, 'utf8')
    .subarray(Buffer.byteLength(match[0]), Buffer.byteLength(match[0]) + Number(match[1]))
    .toString('utf8');
}

/** The `name:value` lines of an INFO-style reply, as a map. */
function fields(reply: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of replyText(reply).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) result.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return result;
}

/** INFO `section`, as a map of its fields. */
export async function info(port: number, section: string): Promise<Map<string, string>> {
  return fields(await rawCommand(port, ['INFO', section]));
}

/** CLUSTER INFO, as a map of its fields. */
export async function clusterInfo(port: number): Promise<Map<string, string>> {
  return fields(await rawCommand(port, ['CLUSTER', 'INFO']));
}

/**
 * How many times each command ran on the server on `port` (`INFO commandstats`): `get`, `evalsha`,
 * `wait`, `cluster|slots`… A replica counts what it applies from its primary too.
 */
export async function commandCalls(port: number): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  for (const [name, value] of await info(port, 'commandstats')) {
    const count = /(?:^|,)calls=(\d+)/.exec(value)?.[1];
    if (name.startsWith('cmdstat_') && count) calls.set(name.slice('cmdstat_'.length), Number(count));
  }
  return calls;
}

/**
 * The commands `@livepush/auth-redis` runs for sessions and their per-user index, as `INFO commandstats`
 * names them (it counts the calls inside scripts too): what a request costs Redis.
 */
export const SESSION_STORE_COMMANDS = [
  'get',
  'mget',
  'set',
  'del',
  'evalsha',
  'eval',
  'wait',
  'time',
  'zadd',
  'zrem',
  'zrange',
  'zremrangebyscore',
  'pexpireat',
] as const;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 20 ms until it holds; throws `message` after `timeoutMs`. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  message: string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(message);
    await sleep(20);
  }
}

/**
 * Whether the replica on `replica` has applied everything its primary on `primary` has written (and
 * the primary has written something). A replica reports its link up before the stream flows: after a
 * diskless sync, Redis 7.0 streams writes only from the replica's first ACK (sent once a second), and
 * a failover in that window loses every write made since (WAIT times out meanwhile).
 */
export async function replicaCaughtUp(primary: number, replica: number): Promise<boolean> {
  const written = Number((await info(primary, 'replication')).get('master_repl_offset'));
  const applied = Number((await info(replica, 'replication')).get('slave_repl_offset'));
  return written > 0 && applied >= written;
}

/** Resolves once `child` answers PING on `port`; rejects if it exits first or after `timeoutMs`. */
export async function waitUntilReady(port: number, child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited with ${child.exitCode}`);
    try {
      if ((await rawCommand(port, ['PING'], 500)).startsWith('+PONG')) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`redis-server on ${port} did not start`);
    await sleep(20);
  }
}

/** Resolves when `child` has exited. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Kills `child` for good (resuming it first, in case it was paused) and waits for it to exit. */
export async function killProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGCONT');
  child.kill('SIGKILL');
  await exited(child);
}

/** Every server started and still running: killed when the test process exits, however it ends. */
const running = new Set<ChildProcess>();
let reaping = false;

/** Starts `redis-server` with `args` (no output kept) and waits until it answers on `port`. */
export async function launchRedis(port: number, args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, [...args], { stdio: 'ignore' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!reaping) {
    reaping = true;
    process.once('exit', () => {
      for (const server of running) server.kill('SIGKILL');
    });
  }
  try {
    await waitUntilReady(port, child);
    return child;
  } catch (error) {
    await killProcess(child);
    throw error;
  }
}

/** Runs `attempt` up to `times` times (a port taken between choosing and binding it fails one attempt). */
export async function retrying<T>(times: number, attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= times) throw error;
    }
  }
}
