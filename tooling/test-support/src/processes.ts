import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** A child process this test started, its output so far, and how to stop it (by its own pid). */
export interface Started {
  child: ChildProcess;
  /** What it printed on stdout and stderr (and on the `readyFd` pipe) so far. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartProcessOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Resolves once the output of `readyFd` (default 1, stdout) matches this. */
  ready: RegExp;
  /** A file descriptor the process reports readiness on (e.g. workerd's `--control-fd=3`). */
  readyFd?: number;
  timeoutMs?: number;
}

/**
 * Starts `command` and resolves once its `readyFd` output matches `ready`; rejects with everything it
 * printed when it exits first or is not ready within `timeoutMs`.
 */
export function startProcess(
  command: string,
  args: string[],
  options: StartProcessOptions,
): Promise<Started & { match: RegExpMatchArray }> {
  const readyFd = options.readyFd ?? 1;
  const stdio = Array.from({ length: Math.max(3, readyFd + 1) }, (_, fd) => (fd === 0 ? 'ignore' : 'pipe'));
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio });
  let output = '';
  let watched = '';
  let isReady = false;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (const fd of [1, 2, readyFd]) {
    if (fd === readyFd && fd <= 2) continue;
    (child.stdio[fd] as Readable).on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  }
  return new Promise((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${command} ${args.join(' ')}: ${why}\n${output.slice(-4000)}`));
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`exited (${code ?? signal}) before it was ready`);
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    child.once('error', (error) => fail(error.message));
    child.once('exit', onExit);
    (child.stdio[readyFd] as Readable).on('data', (chunk: Buffer) => {
      if (readyFd <= 2) output += chunk.toString();
      watched += chunk.toString();
      const match = isReady ? null : watched.match(options.ready);
      if (!match) return;
      isReady = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({ child, match, output: () => output, stop });
    });
  });
}
