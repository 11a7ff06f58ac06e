import { fromBase64Url, fromUtf8, randomBytes, toBase64Url, utf8 } from '../encoding';

/** What a sealed value is for; bound into the ciphertext so one kind cannot pass for another. */
export type SealPurpose = 'session' | 'transaction';

interface Key {
  id: string;
  key: CryptoKey;
}

/** Seals and opens values with AES-256-GCM under keys derived (HKDF-SHA-256) once from the app secrets. */
export interface Sealer {
  /** `v1.<key id>.<base64url(iv ‖ ciphertext ‖ tag)>`, sealed under the first secret. */
  seal(purpose: SealPurpose, payload: unknown, expiresAt: number): Promise<string>;
  /** The payload, or `null` for anything wrong: malformed, unknown key, tampered, expired, wrong purpose. */
  open(purpose: SealPurpose, sealed: string): Promise<unknown>;
}

const VERSION = 'v1';
const MAX_SEALED_LENGTH = 64 * 1024;

async function deriveKey(secret: string): Promise<Key> {
  const material = await crypto.subtle.importKey('raw', utf8(secret), 'HKDF', false, [
    'deriveKey',
    'deriveBits',
  ]);
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: utf8('livepush-auth'),
    info: utf8(info),
  });
  const key = await crypto.subtle.deriveKey(
    hkdf('livepush-auth seal v1'),
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  // A short public key id lets rotation pick the right key without trial decryption.
  const idBits = await crypto.subtle.deriveBits(hkdf('livepush-auth key id v1'), material, 48);
  return { id: toBase64Url(new Uint8Array(idBits)), key };
}

/** Creates a sealer; keys are derived lazily, once. The first secret seals; every secret opens. */
export function createSealer(secrets: readonly string[], now: () => number): Sealer {
  let keys: Promise<Key[]> | undefined;
  const getKeys = () => {
    keys ??= Promise.all(secrets.map(deriveKey));
    return keys;
  };

  return {
    async seal(purpose, payload, expiresAt) {
      const [key] = await getKeys();
      const iv = randomBytes(12);
      const plaintext = utf8(JSON.stringify({ e: expiresAt, p: payload }));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: utf8(purpose) },
        key!.key,
        plaintext,
      );
      const out = new Uint8Array(12 + sealed.byteLength);
      out.set(iv);
      out.set(new Uint8Array(sealed), 12);
      return `${VERSION}.${key!.id}.${toBase64Url(out)}`;
    },

    async open(purpose, sealed) {
      if (typeof sealed !== 'string' || sealed.length > MAX_SEALED_LENGTH) return null;
      const [version, keyId, body, extra] = sealed.split('.');
      if (version !== VERSION || !keyId || !body || extra !== undefined) return null;
      const key = (await getKeys()).find((k) => k.id === keyId);
      const bytes = fromBase64Url(body);
      if (!key || !bytes || bytes.length < 12 + 16) return null;
      let plaintext: ArrayBuffer;
      try {
        plaintext = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: utf8(purpose) },
          key.key,
          bytes.subarray(12),
        );
      } catch {
        return null;
      }
      const text = fromUtf8(new Uint8Array(plaintext));
      if (text === null) return null;
      try {
        const { e, p } = JSON.parse(text) as { e: unknown; p: unknown };
        return typeof e === 'number' && e > now() ? p : null;
      } catch {
        return null;
      }
    },
  };
}
