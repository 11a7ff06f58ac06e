import { Buffer } from 'node:buffer';
import { createDecipheriv, hkdfSync } from 'node:crypto';

/** The sealer's key domain for session cookies (`createSealer`'s default). */
const DOMAIN = 'livepush-auth';

/** Something that opens one of our sealed cookie values, synchronously. */
export interface FloorOpener {
  name: string;
  open(sealed: string): unknown;
}

/**
 * The physical floor of a first session read: base64url → bytes, one synchronous `node:crypto`
 * AES-256-GCM open and `JSON.parse` of the very value our cookie holds, and nothing around it — no
 * `Request`, no cookie header, no format or record checks, no cache. The key is derived once, as the
 * sealer derives it (HKDF-SHA-256 of the secret, salt `livepush-auth`, info `livepush-auth seal v1`).
 */
export function gcmFloor(secret: string): FloorOpener {
  const key = Buffer.from(hkdfSync('sha256', secret, DOMAIN, `${DOMAIN} seal v1`, 32));
  const aad = Buffer.from('session');
  return {
    name: 'floor: node:crypto AES-256-GCM open + JSON.parse',
    open(sealed) {
      const bytes = Buffer.from(sealed.slice(sealed.lastIndexOf('.') + 1), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAAD(aad);
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      const plaintext = decipher.update(bytes.subarray(12, bytes.length - 16));
      decipher.final();
      return JSON.parse(plaintext.toString('utf8'));
    },
  };
}
