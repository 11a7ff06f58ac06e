import { LivepushAuthError } from '@livepush/auth-core';
import type { Redis } from 'ioredis';

/** Runs Redis operations within a time bound, turning every failure into `store_unavailable`. */
export interface Connection {
  readonly client: Redis;
  /** Waits for the connection (bounded), runs `operation`, and rejects once `timeoutMs` has passed. */
  run<T>(operation: (client: Redis) => Promise<T>): Promise<T>;
}

function unavailable(cause: unknown): LivepushAuthError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new LivepushAuthError(
    'store_unavailable',
    `Redis did not answer (${reason}); the session is kept. Check Redis; the store reconnects by itself.`,
    { cause },
  );
}

/** Resolves once `client` can take commands; rejects after `ms` or when it was closed for good. */
function whenReady(client: Redis, ms: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  if (client.status === 'end') return Promise.reject(new Error('the connection was closed'));
  if (client.status === 'wait') client.connect().catch(() => {});
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('end', onEnd);
    };
    const onReady = () => {
      done();
      resolve();
    };
    const onEnd = () => {
      done();
      reject(new Error('the connection was closed'));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`not connected after ${ms} ms (status: ${client.status})`));
    }, ms);
    client.on('ready', onReady);
    client.on('end', onEnd);
  });
}

/** Wraps `client` so each operation is bounded by `timeoutMs`, whatever the client's own options. */
export function createConnection(client: Redis, timeoutMs: number): Connection {
  return {
    client,
    async run(operation) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      const attempt = whenReady(client, timeoutMs).then(() => operation(client));
      // A late rejection after the deadline must not surface as an unhandled rejection.
      attempt.catch(() => {});
      try {
        return await Promise.race([attempt, deadline]);
      } catch (cause) {
        throw unavailable(cause);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
