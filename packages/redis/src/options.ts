import { LivepushAuthError } from '@livepush/auth-core';
import { sealerSecretProblem } from '@livepush/auth-core/server';
import type { Redis } from 'ioredis';

/** Options of {@link createRedisStore}. Give exactly one of `client` and `url`. */
export interface RedisStoreOptions {
  /**
   * An ioredis client you created (and close yourself). Consider `redisClientOptions()` for it, so
   * commands fail fast while Redis is down; operations are bounded by `timeoutMs` either way.
   */
  client?: Redis;
  /** `redis://` or `rediss://` URL: the store creates (and `close()` closes) its own client. */
  url?: string;
  /** Prefix of every key the store writes. Default `'livepush:'`. */
  keyPrefix?: string;
  /**
   * Encrypts records at rest with AES-256-GCM under a key derived (HKDF-SHA-256) from `secret`; each
   * record is bound to its id. Pass `[new, …old]` to rotate: the first encrypts, all decrypt. Records
   * this store cannot decrypt read as no session. Use the app's `secret` or one of its own.
   */
  encrypt?: { secret: string | readonly string[] };
  /** Lock TTL in ms, overriding the one the core asks for (15 s). A crashed holder blocks no longer. */
  lockTtlMs?: number;
  /** How long an instance waits for another's refresh lock, ms. Default: the lock TTL + 1 s. */
  lockWaitMs?: number;
  /** Bound on each store operation, connecting included, ms. Default 2000. */
  timeoutMs?: number;
  /** Receives connection errors of a client the store created (default: ignored; operations still reject). */
  onError?: (error: Error) => void;
}

const DAY_MS = 24 * 3600 * 1000;

const isPositive = (value: unknown, max: number) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max;

function looksLikeRedis(value: unknown): value is Redis {
  if (typeof value !== 'object' || value === null) return false;
  const client = value as Record<string, unknown>;
  return ['get', 'set', 'evalsha', 'eval', 'connect', 'on'].every((m) => typeof client[m] === 'function');
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

/** The secrets of `encrypt`, or a problem. */
function encryptionSecrets(encrypt: unknown, problems: string[]): readonly string[] | undefined {
  if (encrypt === undefined) return undefined;
  const secret = (encrypt as { secret?: unknown } | null)?.secret;
  const problem = sealerSecretProblem(secret, 'encrypt.secret');
  if (problem) {
    problems.push(problem);
    return undefined;
  }
  return typeof secret === 'string' ? [secret] : (secret as readonly string[]);
}

/** Options after validation. */
export interface ResolvedRedisStoreOptions {
  client: Redis | undefined;
  url: string | undefined;
  keyPrefix: string;
  secrets: readonly string[] | undefined;
  lockTtlMs: number | undefined;
  lockWaitMs: number | undefined;
  timeoutMs: number;
  onError: (error: Error) => void;
}

/** Checks every option and reports all problems in one `invalid_config` error. */
export function resolveOptions(
  options: RedisStoreOptions,
  defaultTimeoutMs: number,
): ResolvedRedisStoreOptions {
  if (typeof options !== 'object' || options === null) {
    throw new LivepushAuthError(
      'invalid_config',
      'createRedisStore() needs an options object: { url } or { client }.',
    );
  }
  const problems: string[] = [];
  const { client, url, keyPrefix = 'livepush:', lockTtlMs, lockWaitMs, onError } = options;
  if ((client === undefined) === (url === undefined)) {
    problems.push('pass exactly one of `client` (an ioredis instance) and `url` (redis:// or rediss://).');
  }
  if (client !== undefined && !looksLikeRedis(client))
    problems.push('client must be an ioredis `Redis` instance.');
  if (url !== undefined && !isRedisUrl(url)) problems.push('url must be a redis:// or rediss:// URL.');
  if (typeof keyPrefix !== 'string' || keyPrefix.length > 256) {
    problems.push('keyPrefix must be a string of at most 256 characters.');
  }
  const secrets = encryptionSecrets(options.encrypt, problems);
  if (lockTtlMs !== undefined && !isPositive(lockTtlMs, DAY_MS)) {
    problems.push('lockTtlMs must be a positive number of milliseconds (at most a day).');
  }
  if (lockWaitMs !== undefined && !(isPositive(lockWaitMs, DAY_MS) || lockWaitMs === 0)) {
    problems.push('lockWaitMs must be a number of milliseconds from 0 to a day.');
  }
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (!isPositive(timeoutMs, 10 * 60_000))
    problems.push('timeoutMs must be a positive number of milliseconds.');
  if (onError !== undefined && typeof onError !== 'function') problems.push('onError must be a function.');
  if (problems.length > 0) {
    throw new LivepushAuthError('invalid_config', `createRedisStore(): ${problems.join(' ')}`);
  }
  return {
    client,
    url,
    keyPrefix,
    secrets,
    lockTtlMs,
    lockWaitMs,
    timeoutMs,
    onError: onError ?? (() => {}),
  };
}
