import { fromBase64Url, fromUtf8, randomBytes, toBase64Url, utf8 } from '../encoding';

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

interface Key {
  id: string;
  key: CryptoKey;
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
const IV_BYTES = 12;
const TAG_BYTES = 16;

async function deriveKey(secret: string, domain: string): Promise<Key> {
  const material = await crypto.subtle.importKey('raw', utf8(secret), 'HKDF', false, [
    'deriveKey',
    'deriveBits',
  ]);
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: utf8(domain),
    info: utf8(`${domain} ${info}`),
  });
  const key = await crypto.subtle.deriveKey(
    hkdf('seal v1'),
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  // A short public key id lets rotation pick the right key without trial decryption.
  const idBits = await crypto.subtle.deriveBits(hkdf('key id v1'), material, 48);
  return { id: toBase64Url(new Uint8Array(idBits)), key };
}

/**
 * Creates a sealer over `secrets` (keys derived lazily, once). Session cookies use it; so can a
 * session store that encrypts records at rest (with its own `domain`).
 */
export function createSealer(secrets: readonly string[], options: SealerOptions = {}): Sealer {
  const domain = options.domain ?? 'livepush-auth';
  const version = options.version ?? 'v1';
  const now = options.now ?? Date.now;
  let keys: Promise<Key[]> | undefined;
  const getKeys = () => {
    keys ??= Promise.all(secrets.map((secret) => deriveKey(secret, domain)));
    return keys;
  };

  return {
    async seal(context, payload, expiresAt) {
      const [key] = await getKeys();
      const iv = randomBytes(IV_BYTES);
      const plaintext = utf8(
        JSON.stringify(expiresAt === undefined ? { p: payload } : { e: expiresAt, p: payload }),
      );
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: utf8(context) },
        key!.key,
        plaintext,
      );
      const out = new Uint8Array(IV_BYTES + sealed.byteLength);
      out.set(iv);
      out.set(new Uint8Array(sealed), IV_BYTES);
      return `${version}.${key!.id}.${toBase64Url(out)}`;
    },

    async open(context, sealed) {
      if (typeof sealed !== 'string' || sealed.length > MAX_SEALED_LENGTH) return null;
      const [prefix, keyId, body, extra] = sealed.split('.');
      if (prefix !== version || !keyId || !body || extra !== undefined) return null;
      const key = (await getKeys()).find((k) => k.id === keyId);
      const bytes = fromBase64Url(body);
      if (!key || !bytes || bytes.length < IV_BYTES + TAG_BYTES) return null;
      let plaintext: ArrayBuffer;
      try {
        plaintext = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: utf8(context) },
          key.key,
          bytes.subarray(IV_BYTES),
        );
      } catch {
        return null;
      }
      const text = fromUtf8(new Uint8Array(plaintext));
      if (text === null) return null;
      try {
        const { e, p } = JSON.parse(text) as { e?: unknown; p: unknown };
        if (e === undefined) return p;
        return typeof e === 'number' && e > now() ? p : null;
      } catch {
        return null;
      }
    },
  };
}
