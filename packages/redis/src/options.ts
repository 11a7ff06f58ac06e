import { LivepushAuthError } from '@livepush/auth-core';
import { sealerSecretProblem } from '@livepush/auth-core/server';
import type { Cluster, Redis } from 'ioredis';
import type { RedisClient } from './client';
import type { ReplicaWait } from './replication';

/** Options of {@link createRedisStore}. Give exactly one of `client`, `url` and `cluster`, and `encrypt`. */
export interface RedisStoreOptions {
  /**
   * An ioredis `Redis` (standalone, or through Sentinel) or `Cluster` you created (and close yourself).
   * Consider `redisClientOptions()` / `redisClusterOptions()` for it, so commands fail fast while Redis
   * is down; operations are bounded by `timeoutMs` either way.
   */
  client?: Redis | Cluster;
  /** `redis://` or `rediss://` URL: the store creates (and `close()` closes) its own client. */
  url?: string;
  /**
   * Startup nodes of a Redis Cluster (`redis://` or `rediss://` URLs; credentials and TLS are taken
   * from the first): the store creates (and `close()` closes) its own ioredis `Cluster`.
   */
  cluster?: readonly string[];
  /** Prefix of every key the store writes, without `{` or `}` (the store places its own hash tags). Default `'livepush:'`. */
  keyPrefix?: string;
  /**
   * Required. `{ secret }` encrypts records at rest with AES-256-GCM under a key derived (HKDF-SHA-256,
   * a domain of its own) from `secret`, each record bound to its id; pass `[new, …old]` to rotate (the
   * first encrypts, all decrypt). Use the app's `secret` or one of its own. Records this store cannot
   * decrypt read as no session. `readPlaintext: true` also reads records written in clear (by a store
   * without encryption), for as long as those live; they are encrypted on their next write. `false`
   * keeps tokens in clear in Redis.
   */
  encrypt: { secret: string | readonly string[]; readPlaintext?: boolean } | false;
  /** Lock TTL in ms, overriding the one the core asks for (15 s). A crashed holder blocks no longer. */
  lockTtlMs?: number;
  /** How long an instance waits for another's refresh lock, ms. Default: the lock TTL + 1 s. */
  lockWaitMs?: number;
  /** Bound on each store operation, connecting included, ms. Default 2000. */
  timeoutMs?: number;
  /**
   * How many replicas each session write waits for (`WAIT`, sent with the write: no extra round trip),
   * so a failover right after it loses nothing. `'auto'` (default): 1 when the key's primary has a
   * replica, else none. `0`: never wait.
   */
  waitForReplicas?: ReplicaWait;
  /** How long a write waits for its replicas before going on without them (reported), ms. Default 250 (at most half of `timeoutMs`). */
  replicaWaitMs?: number;
  /**
   * Receives every Redis error as it happens: connection errors of a client the store created, failed
   * operations (each also rejects with `store_unavailable`), writes that did not reach their replicas,
   * records the store could not read for want of the right `encrypt`. Default: `console.error` of the
   * first error of each streak (its message only), quiet until Redis answers again.
   */
  onError?: (error: Error) => void;
}

const DAY_MS = 24 * 3600 * 1000;

const isPositive = (value: unknown, max: number) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max;

function looksLikeClient(value: unknown): value is RedisClient {
  if (typeof value !== 'object' || value === null) return false;
  const client = value as Record<string, unknown>;
  return ['get', 'set', 'evalsha', 'eval', 'pipeline', 'connect', 'on'].every(
    (m) => typeof client[m] === 'function',
  );
}

function isRedisUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'redis:' || url.protocol === 'rediss:';
  } catch {
    return false;
  }
}

/** What `encrypt` resolves to: the secrets (or `undefined` for plaintext), or a problem. */
function encryption(
  encrypt: unknown,
  problems: string[],
): { secrets: readonly string[] | undefined; readPlaintext: boolean } {
  const none = { secrets: undefined, readPlaintext: true };
  if (encrypt === false) return none;
  if (encrypt === undefined) {
    problems.push(
      'encrypt is required: pass encrypt: { secret } (your app `secret` works; a key of its own domain is derived from it) so tokens are encrypted at rest, or encrypt: false to keep them in clear.',
    );
    return none;
  }
  const { secret, readPlaintext = false } = (encrypt ?? {}) as { secret?: unknown; readPlaintext?: unknown };
  const problem = sealerSecretProblem(secret, 'encrypt.secret');
  if (problem) problems.push(problem);
  if (typeof readPlaintext !== 'boolean') problems.push('encrypt.readPlaintext must be a boolean.');
  if (problem || typeof readPlaintext !== 'boolean') return none;
  return { secrets: typeof secret === 'string' ? [secret] : (secret as readonly string[]), readPlaintext };
}

/** Options after validation. */
export interface ResolvedRedisStoreOptions {
  client: RedisClient | undefined;
  url: string | undefined;
  cluster: readonly string[] | undefined;
  keyPrefix: string;
  secrets: readonly string[] | undefined;
  readPlaintext: boolean;
  lockTtlMs: number | undefined;
  lockWaitMs: number | undefined;
  timeoutMs: number;
  waitForReplicas: ReplicaWait;
  replicaWaitMs: number;
  onError: ((error: Error) => void) | undefined;
}

/** Checks every option and reports all problems in one `invalid_config` error. */
export function resolveOptions(
  options: RedisStoreOptions,
  defaultTimeoutMs: number,
): ResolvedRedisStoreOptions {
  if (typeof options !== 'object' || options === null) {
    throw new LivepushAuthError(
      'invalid_config',
      'createRedisStore() needs an options object: { url, encrypt }, { cluster, encrypt } or { client, encrypt }.',
    );
  }
  const problems: string[] = [];
  const { client, url, cluster, keyPrefix = 'livepush:', lockTtlMs, lockWaitMs, onError } = options;
  if ([client, url, cluster].filter((given) => given !== undefined).length !== 1) {
    problems.push(
      'pass exactly one of `client` (an ioredis Redis or Cluster), `url` (redis:// or rediss://) and `cluster` (a list of such URLs).',
    );
  }
  if (client !== undefined && !looksLikeClient(client))
    problems.push('client must be an ioredis `Redis` or `Cluster` instance.');
  if (url !== undefined && !isRedisUrl(url)) problems.push('url must be a redis:// or rediss:// URL.');
  if (cluster !== undefined && !(Array.isArray(cluster) && cluster.length > 0 && cluster.every(isRedisUrl)))
    problems.push('cluster must be a non-empty list of redis:// or rediss:// URLs.');
  if (typeof keyPrefix !== 'string' || keyPrefix.length > 256 || /[{}]/.test(keyPrefix)) {
    problems.push('keyPrefix must be a string of at most 256 characters without { or }.');
  }
  const { secrets, readPlaintext } = encryption(options.encrypt, problems);
  if (lockTtlMs !== undefined && !isPositive(lockTtlMs, DAY_MS)) {
    problems.push('lockTtlMs must be a positive number of milliseconds (at most a day).');
  }
  if (lockWaitMs !== undefined && !(isPositive(lockWaitMs, DAY_MS) || lockWaitMs === 0)) {
    problems.push('lockWaitMs must be a number of milliseconds from 0 to a day.');
  }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (!isPositive(timeoutMs, 10 * 60_000))
    problems.push('timeoutMs must be a positive number of milliseconds.');
  const { waitForReplicas = 'auto', replicaWaitMs = Math.min(250, timeoutMs / 2) } = options;
  if (
    waitForReplicas !== 'auto' &&
    !(Number.isInteger(waitForReplicas) && waitForReplicas >= 0 && waitForReplicas <= 16)
  )
    problems.push("waitForReplicas must be 'auto' or a whole number from 0 to 16.");
  if (!isPositive(replicaWaitMs, 60_000) || replicaWaitMs >= timeoutMs)
    problems.push('replicaWaitMs must be a positive number of milliseconds below timeoutMs.');
  if (onError !== undefined && typeof onError !== 'function') problems.push('onError must be a function.');
  if (problems.length > 0) {
    throw new LivepushAuthError('invalid_config', `createRedisStore(): ${problems.join(' ')}`);
  }
  return {
    client,
    url,
    cluster,
    keyPrefix,
    secrets,
    readPlaintext,
    lockTtlMs,
    lockWaitMs,
    timeoutMs,
    waitForReplicas,
    replicaWaitMs,
    onError,
  };
}
