import { LivepushAuthError } from '@livepush/auth-core';
import type { RedisClient } from './client';
import type { Reporter } from './reporter';

/** Runs Redis operations within a time bound, turning every failure into `store_unavailable`. */
export interface Connection {
  readonly client: RedisClient;
  /** Waits for the connection (bounded), runs `operation`, and rejects once `timeoutMs` has passed. */
  run<T>(operation: (client: RedisClient) => Promise<T>): Promise<T>;
}

function unavailable(cause: unknown): LivepushAuthError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new LivepushAuthError(
    'store_unavailable',
    `Redis did not answer (${reason}); the session is kept. Check Redis; the store reconnects by itself.`,
    { cause },
  );
}

/**
 * Resolves once `client` can take commands; rejects when it was closed for good. One pending wait is
 * shared by every operation (each bounds it with its own deadline), so an outage adds no listeners.
 */
function readiness(client: RedisClient): () => Promise<void> {
  let pending: Promise<void> | undefined;
  return () => {
    if (client.status === 'ready') return Promise.resolve();
    if (client.status === 'end') return Promise.reject(new Error('the connection was closed'));
    if (client.status === 'wait') client.connect().catch(() => {});
    pending ??= new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        client.off('ready', onReady);
        client.off('end', onEnd);
        pending = undefined;
        if (error) reject(error);
        else resolve();
      };
      const onReady = () => settle();
      const onEnd = () => settle(new Error('the connection was closed'));
      client.on('ready', onReady);
      client.on('end', onEnd);
    });
    return pending;
  };
}

/**
 * Wraps `client` so each operation is bounded by `timeoutMs`, whatever the client's own options;
 * failures go to `reporter` (and end the streak on the next success).
 */
export function createConnection(client: RedisClient, timeoutMs: number, reporter: Reporter): Connection {
  const ready = readiness(client);
  return {
    client,
    async run(operation) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let late = false;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          late = true;
          reject(new Error(`timed out after ${timeoutMs} ms; connection ${client.status}`));
        }, timeoutMs);
      });
      // An operation whose caller gave up while Redis was away is never sent when it comes back.
      const attempt = ready().then(() => (late ? Promise.reject(new Error('gave up')) : operation(client)));
      // A late rejection after the deadline must not surface as an unhandled rejection.
      attempt.catch(() => {});
      try {
        const result = await Promise.race([attempt, deadline]);
        reporter.clear('redis');
        return result;
      } catch (cause) {
        const error = unavailable(cause);
        reporter.report('redis', error);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
