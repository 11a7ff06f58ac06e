import { sealCrypto } from '#seal-crypto';
import { randomBytes } from '../encoding';
import { LivepushAuthError } from '../errors';
import { IV_BYTES, type SealCrypto, type SealKey } from './seal-crypto.types';

/** Options of {@link createSealer}. */
export interface SealerOptions {
  /**
   * Names the use: it is the HKDF salt and part of its info, so one secret gives unrelated keys to
   * different uses, and it picks the text prefix. Default `livepush-auth` (the session cookies).
   */
  domain?: string;
  /** The first part of every sealed string, e.g. `v1`. Default `v1`. */
  version?: string;
  /** The clock, epoch ms, for expiry. Default `Date.now`. */
  now?: () => number;
}

/**
 * Seals and opens values with AES-256-GCM under keys derived (HKDF-SHA-256) once from app secrets:
 * the first secret seals, every secret opens (rotation). `context` is bound in as associated data, so
 * a value sealed for one context (a cookie's purpose, a record's id) cannot pass for another.
 */
export interface Sealer {
  /** `<version>.<key id>.<base64url(iv ‖ ciphertext ‖ tag)>`; `expiresAt` (epoch ms) is sealed inside. */
  seal(context: string, payload: unknown, expiresAt?: number): Promise<string>;
  /** The payload, or `null` for anything wrong: malformed, unknown key, tampered, expired, other context. */
  open(context: string, sealed: string): Promise<unknown>;
}

const MAX_SEALED_LENGTH = 64 * 1024;
const MIN_SECRET_LENGTH = 32;

/**
 * The problem with `secret` as the secret(s) of a sealer, as one sentence that names the option
 * (`name`) and says how to make a good one; `null` when it is fine: a string, or a non-empty array of
 * strings, each at least 32 characters. {@link createSealer} checks this; option validators that list
 * every problem at once (`createLivepushAuth`, the Redis store) call it to word theirs the same way.
 *
 * @example
 * ```ts
 * const problem = sealerSecretProblem(process.env.SESSION_SECRET, 'SESSION_SECRET');
 * if (problem) throw new Error(problem);
 * ```
 */
export function sealerSecretProblem(secret: unknown, name = 'secret'): string | null {
  const secrets = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : [];
  if (secrets.length > 0 && secrets.every((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))
    return null;
  return `${name} must be a string (or a non-empty array of strings) of at least ${MIN_SECRET_LENGTH} characters; generate one with \`openssl rand -base64 32\`.`;
}

/**
 * A sealer over `backend`: the format, rotation and expiry are here, the crypto there. Both builds
 * (`seal-crypto.ts`, `seal-crypto.node.ts`) go through this, so they cannot drift. @internal
 */
export function createSealerWith(
  backend: SealCrypto,
  secret: string | readonly string[],
  options: SealerOptions = {},
): Sealer {
  const problem = sealerSecretProblem(secret);
  if (problem) throw new LivepushAuthError('invalid_config', `createSealer(): ${problem}`);
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  const domain = options.domain ?? 'livepush-auth';
  const version = options.version ?? 'v1';
  const now = options.now ?? Date.now;
  // Derived once, on first use. The Node build derives synchronously, so it never waits here.
  let keys: SealKey[] | Promise<SealKey[]> | undefined;
  const getKeys = () => {
    if (keys === undefined) {
      const derived = deriveAll(backend, secrets, domain);
      keys =
        derived instanceof Promise
          ? derived.then(
              (ready) => (keys = ready),
              (error: unknown) => {
                keys = undefined; // a failed derivation is tried again on the next call
                throw error;
              },
            )
          : derived;
    }
    return keys;
  };

  /** The payload of opened plaintext, or `null` (not our JSON, or expired). */
  const payloadOf = (text: string | null): unknown => {
    if (text === null) return null;
    try {
      const { e, p } = JSON.parse(text) as { e?: unknown; p: unknown };
      if (e === undefined) return p;
      return typeof e === 'number' && e > now() ? p : null;
    } catch {
      return null;
    }
  };

  /** Opens with the derived keys: synchronously on the Node build, so a read never yields for crypto. */
  const openWith = (ready: readonly SealKey[], context: string, sealed: string): unknown => {
    if (typeof sealed !== 'string' || sealed.length > MAX_SEALED_LENGTH) return null;
    const [prefix, keyId, body, extra] = sealed.split('.');
    if (prefix !== version || !keyId || !body || extra !== undefined) return null;
    const key = ready.find((k) => k.id === keyId);
    if (!key) return null;
    const text = key.open(body, context);
    return text instanceof Promise ? text.then(payloadOf) : payloadOf(text);
  };

  return {
    async seal(context, payload, expiresAt) {
      const [key] = await getKeys();
      const plaintext = JSON.stringify(
        expiresAt === undefined ? { p: payload } : { e: expiresAt, p: payload },
      );
      return `${version}.${key!.id}.${await key!.seal(randomBytes(IV_BYTES), plaintext, context)}`;
    },

    open(context, sealed) {
      try {
        const keys = getKeys();
        return keys instanceof Promise
          ? keys.then((ready) => openWith(ready, context, sealed))
          : Promise.resolve(openWith(keys, context, sealed));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

function deriveAll(
  backend: SealCrypto,
  secrets: readonly string[],
  domain: string,
): SealKey[] | Promise<SealKey[]> {
  const keys = secrets.map((secret) => backend.deriveKey(secret, domain));
  return keys.some((key) => key instanceof Promise) ? Promise.all(keys) : (keys as SealKey[]);
}

/**
 * Creates a sealer over `secret` (a string, or `[new, …old]` to rotate; keys derived once, on first
 * use). Session cookies use it; so can a session store that encrypts records at rest (with its own
 * `domain`). On Node (the `node` export condition) it runs on `node:crypto`, synchronously; everywhere
 * else on Web Crypto. Both seal and open the same format.
 *
 * @throws {LivepushAuthError} `invalid_config` when `secret` is not one or more strings of ≥ 32 characters.
 */
export function createSealer(secret: string | readonly string[], options: SealerOptions = {}): Sealer {
  return createSealerWith(sealCrypto, secret, options);
}
