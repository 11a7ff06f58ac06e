// The Web Crypto build of the sealer's crypto (workerd, workers, browsers, Deno and anything that is
// not Node): see `seal-crypto.types.ts`. Chosen by package.json `imports["#seal-crypto"]`.
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../encoding';
import { IV_BYTES, type SealCrypto, type SealKey, TAG_BYTES } from './seal-crypto.types';

async function deriveKey(secret: string, domain: string): Promise<SealKey> {
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
  const idBits = await crypto.subtle.deriveBits(hkdf('key id v1'), material, 48);
  return {
    id: toBase64Url(new Uint8Array(idBits)),
    async seal(iv, plaintext, aad) {
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: utf8(aad) },
        key,
        utf8(plaintext),
      );
      const out = new Uint8Array(IV_BYTES + sealed.byteLength);
      out.set(iv);
      out.set(new Uint8Array(sealed), IV_BYTES);
      return toBase64Url(out);
    },
    async open(body, aad) {
      const bytes = fromBase64Url(body);
      if (!bytes || bytes.length < IV_BYTES + TAG_BYTES) return null;
      try {
        const plaintext = await crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: bytes.subarray(0, IV_BYTES),
            additionalData: utf8(aad),
          },
          key,
          bytes.subarray(IV_BYTES),
        );
        return fromUtf8(new Uint8Array(plaintext));
      } catch {
        return null;
      }
    },
  };
}

/** AES-256-GCM and HKDF through `crypto.subtle` (asynchronous). @internal */
export const sealCrypto: SealCrypto = { name: 'web-crypto', deriveKey };
