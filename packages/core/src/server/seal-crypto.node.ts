// The Node build of the sealer's crypto, chosen by the `node` condition of package.json
// `imports["#seal-crypto"]`: the same keys and bytes as the Web Crypto build (`seal-crypto.ts`), but
// synchronous. On Node every `crypto.subtle` call is a hop to the thread pool (tens of µs of latency);
// `node:crypto` opens a 2 KB cookie in a few µs on the calling thread.
import { Buffer, isUtf8 } from 'node:buffer';
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { IV_BYTES, type SealCrypto, type SealKey, TAG_BYTES } from './seal-crypto.types';

const ALGORITHM = 'aes-256-gcm';

// Values of the base64url characters (-1: not one), for the canonical check of the last character.
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Canonical base64url (no padding) → bytes, or `null`, accepting exactly what `fromBase64Url` of
 * `../encoding` accepts. Node's decoder skips characters outside its alphabet and stops at `=`, so
 * any such character makes the output shorter than the length implies; it also takes `+` and `/`
 * (standard base64) and ignores the unused low bits of the last character, which are checked here.
 */
function decode(text: string): Buffer | null {
  const rest = text.length % 4;
  if (rest === 1 || text.includes('+') || text.includes('/')) return null;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length !== Math.floor((text.length * 3) / 4)) return null;
  if (rest !== 0) {
    const last = BASE64URL.indexOf(text[text.length - 1]!);
    if ((last & (rest === 2 ? 15 : 3)) !== 0) return null;
  }
  return bytes;
}

function deriveKey(secret: string, domain: string): SealKey {
  const hkdf = (info: string, length: number) =>
    Buffer.from(hkdfSync('sha256', secret, domain, `${domain} ${info}`, length));
  const key = hkdf('seal v1', 32);
  return {
    id: hkdf('key id v1', 6).toString('base64url'),
    seal(iv, plaintext, aad) {
      const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(aad));
      const head = cipher.update(plaintext, 'utf8');
      const tail = cipher.final();
      return Buffer.concat([iv, head, tail, cipher.getAuthTag()]).toString('base64url');
    },
    open(body, aad) {
      const bytes = decode(body);
      if (!bytes || bytes.length < IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(aad));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const head = decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES));
        const tail = decipher.final(); // throws when the tag does not authenticate
        const plaintext = tail.length === 0 ? head : Buffer.concat([head, tail]);
        return isUtf8(plaintext) ? plaintext.toString('utf8') : null;
      } catch {
        return null;
      }
    },
  };
}

/** AES-256-GCM and HKDF through `node:crypto` (synchronous). @internal */
export const sealCrypto: SealCrypto = { name: 'node-crypto', deriveKey };
