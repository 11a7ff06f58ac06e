import { createHash } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './client';

/** A Lua script, run by its SHA-1 (EVALSHA) and by its source when Redis does not know it. */
export interface Script {
  readonly source: string;
  readonly sha: string;
}

/** Defines a script; nothing is added to the client (it may be shared with the rest of the app). */
export function defineScript(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** Redis does not have the script: after a restart, a failover to a replica, or SCRIPT FLUSH. */
export const isNoScript = (error: unknown): boolean =>
  error instanceof Error && error.message.startsWith('NOSCRIPT');

type Arg = string | number;

/** Runs `script` on `client`: EVALSHA, then EVAL (which loads it) if Redis forgot it. */
export async function runScript(
  client: RedisClient,
  script: Script,
  keys: readonly string[],
  args: readonly Arg[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!isNoScript(error)) throw error;
    return client.eval(script.source, keys.length, ...keys, ...args);
  }
}

/** Queues `script` on `pipeline`: by SHA, or by source when `bySource` (after a NOSCRIPT). */
export function queueScript(
  pipeline: ChainableCommander,
  script: Script,
  keys: readonly string[],
  args: readonly Arg[],
  bySource: boolean,
): void {
  if (bySource) pipeline.eval(script.source, keys.length, ...keys, ...args);
  else pipeline.evalsha(script.sha, keys.length, ...keys, ...args);
}
