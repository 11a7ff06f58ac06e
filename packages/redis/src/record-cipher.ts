import { fromBase64Url, toBase64Url } from './base64url';

/** Encrypts record text at rest with AES-256-GCM; the record's id is bound in as associated data. */
export interface RecordCipher {
  /** `e1.<key id>.<base64url(iv ‖ ciphertext ‖ tag)>`, under the first secret. */
  encrypt(id: string, plaintext: string): Promise<string>;
  /** The plaintext, or `null` for anything wrong: not ours, unknown key, tampered, moved to another id. */
  decrypt(id: string, value: string): Promise<string | null>;
}

interface Key {
  id: string;
  key: CryptoKey;
}

const VERSION = 'e1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

async function deriveKey(secret: string): Promise<Key> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, [
    'deriveKey',
    'deriveBits',
  ]);
  // Its own salt and info: the key never equals the one that seals cookies from the same secret.
  const hkdf = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: encoder.encode('livepush-auth-redis'),
    info: encoder.encode(info),
  });
  const key = await crypto.subtle.deriveKey(
    hkdf('livepush-auth redis record v1'),
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  // A short public key id picks the right key after a rotation without trial decryption.
  const idBits = await crypto.subtle.deriveBits(hkdf('livepush-auth redis key id v1'), material, 48);
  return { id: toBase64Url(new Uint8Array(idBits)), key };
}

/** Creates a cipher; keys are derived once, lazily. The first secret encrypts; every secret decrypts. */
export function createRecordCipher(secrets: readonly string[]): RecordCipher {
  let keys: Promise<Key[]> | undefined;
  const getKeys = () => {
    keys ??= Promise.all(secrets.map(deriveKey));
    return keys;
  };

  return {
    async encrypt(id, plaintext) {
      const [key] = await getKeys();
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(id) },
        key!.key,
        encoder.encode(plaintext),
      );
      const out = new Uint8Array(IV_BYTES + sealed.byteLength);
      out.set(iv);
      out.set(new Uint8Array(sealed), IV_BYTES);
      return `${VERSION}.${key!.id}.${toBase64Url(out)}`;
    },

    async decrypt(id, value) {
      const [version, keyId, body, extra] = value.split('.');
      if (version !== VERSION || !keyId || !body || extra !== undefined) return null;
      const key = (await getKeys()).find((k) => k.id === keyId);
      const bytes = fromBase64Url(body);
      if (!key || !bytes || bytes.length < IV_BYTES + TAG_BYTES) return null;
      try {
        const plaintext = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: encoder.encode(id) },
          key.key,
          bytes.subarray(IV_BYTES),
        );
        return decoder.decode(plaintext);
      } catch {
        return null;
      }
    },
  };
}
