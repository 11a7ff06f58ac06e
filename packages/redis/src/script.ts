import type { Redis } from 'ioredis';

/** A Lua script run by its SHA-1 (EVALSHA), loaded on first use or after Redis forgot it. */
export interface Script {
  run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Defines a script; nothing is added to the client (it may be shared with the rest of the app). */
export function defineScript(source: string): Script {
  let sha: Promise<string> | undefined;
  return {
    async run(client, keys, args) {
      sha ??= sha1Hex(source);
      try {
        return await client.evalsha(await sha, keys.length, ...keys, ...args);
      } catch (error) {
        // After a restart or SCRIPT FLUSH Redis no longer knows it: EVAL loads it again.
        if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
        return client.eval(source, keys.length, ...keys, ...args);
      }
    },
  };
}
