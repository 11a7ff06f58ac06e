import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway `redis-server` on 127.0.0.1, for one test file. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Sends a raw command over a fresh connection and returns the reply line(s). */
  command(...args: string[]): Promise<string>;
  /** Crashes the server (SIGKILL) after `SAVE`, so a restart finds the same data. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the data it had when killed. */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, nothing answers. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** A port that was free a moment ago (the caller retries if someone takes it first). */
function freePort(): Promise<number> {
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

/** RESP encoding of one command. */
const encode = (args: string[]) =>
  `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

function rawCommand(port: number, args: string[], timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`redis ${args[0]} timed out`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      // Enough for the simple replies these tests read: one complete line or bulk string.
      const complete = /^[+\-:].*\r\n$/s.test(reply) || /^\$-1\r\n$/.test(reply) || isCompleteBulk(reply);
      if (complete) {
        clearTimeout(timer);
        socket.end();
        resolve(reply);
      }
    });
    socket.connect(port, '127.0.0.1', () => socket.write(encode(args)));
  });
}

function isCompleteBulk(reply: string): boolean {
  const match = /^\$(\d+)\r\n/.exec(reply);
  if (!match) return false;
  return Buffer.byteLength(reply) >= match[0].length + Number(match[1]) + 2;
}

async function waitUntilReady(port: number, child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    try {
      if ((await rawCommand(port, ['PING'], 500)).startsWith('+PONG')) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `redis-server` on a free loopback port, without persistence except an explicit SAVE. */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'livepush-redis-'));
  let child: ChildProcess | undefined;
  let port = 0;

  const launch = async () => {
    const process_ = spawn(
      BINARY,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--dbfilename',
        'dump.rdb',
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore' },
    );
    child = process_;
    await waitUntilReady(port, process_);
  };

  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      child?.kill('SIGKILL');
      if (attempt >= 4) throw error;
    }
  }

  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    command: (...args) => rawCommand(port, args),
    async kill() {
      await rawCommand(port, ['SAVE']);
      const current = child!;
      current.kill('SIGKILL');
      await exited(current);
    },
    async restart() {
      await launch();
    },
    pause() {
      child!.kill('SIGSTOP');
    },
    resume() {
      child!.kill('SIGCONT');
    },
    async stop() {
      const current = child;
      if (current && current.exitCode === null && current.signalCode === null) {
        current.kill('SIGCONT');
        current.kill('SIGKILL');
        await exited(current);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  return server;
}
