import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, freePort, killProcess, launchRedis, rawCommand, retrying } from './redis-process';

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

/** Starts `redis-server` on a free loopback port, without persistence except an explicit SAVE. */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'livepush-redis-'));
  let child: ChildProcess | undefined;
  let port = 0;

  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    child = await launchRedis(port, [
      ...args,
      '--dir',
      dir,
      '--dbfilename',
      'dump.rdb',
      '--loglevel',
      'warning',
    ]);
  };
  await retrying(5, async () => {
    port = await freePort();
    await launch();
  });

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
      await killProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return server;
}
