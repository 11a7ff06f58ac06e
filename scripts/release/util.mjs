// Small process helpers for the release and check scripts.
import { spawnSync } from 'node:child_process';
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
