// Small process helpers for the release and check scripts.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './packages.mjs';

/** A binary from the root node_modules/.bin (the workspace's exact versions). */
export const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

/** Runs a command and captures its output; never throws on a non-zero exit. */
export function capture(cmd, args, { cwd = ROOT, env = process.env } = {}) {
  const result = spawnSync(cmd, args, {
    cwd,
    env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command with inherited output; throws on a non-zero exit unless `allowFail`. */
export function run(cmd, args, { cwd = ROOT, env = process.env, allowFail = false } = {}) {
  const result = spawnSync(cmd, args, { cwd, env, stdio: 'inherit' });
  if (result.error) throw result.error;
  const status = result.status ?? 1;
  if (status !== 0 && !allowFail) throw new Error(`${cmd} ${args.join(' ')} exited with ${status}`);
  return status;
}

/** Seconds since `start` (from performance.now()), for the summaries. */
export const seconds = (start) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

/**
 * Runs a command without blocking the event loop and captures its output; never rejects on a non-zero
 * exit (`status` says it). A command still running after `timeoutMs` is killed (status 124).
 */
export function exec(cmd, args, { cwd = ROOT, env = process.env, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ status: timedOut ? 124 : (code ?? 1), stdout, stderr });
    });
  });
}
