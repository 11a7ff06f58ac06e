/**
 * What a sealer needs from a crypto library, so the Web Crypto build (`seal-crypto.ts`) and the Node
 * build (`seal-crypto.node.ts`) can differ in speed and nothing else. Both derive the same keys and
 * produce and open the same bytes; `seal.ts` owns the format around them.
 * @internal
 */

/** A value now (the Node build) or later (Web Crypto is asynchronous). */
export type MaybePromise<T> = T | Promise<T>;

/** One AES-256-GCM key derived from one secret. @internal */
export interface SealKey {
  /** Public key id: base64url of 6 bytes from HKDF, so rotation picks a key without trial decryption. */
  readonly id: string;
  /** `base64url(iv ‖ ciphertext ‖ tag)` of UTF-8 `plaintext`, with UTF-8 `aad` as associated data. */
  seal(iv: Uint8Array<ArrayBuffer>, plaintext: string, aad: string): MaybePromise<string>;
  /**
   * The plaintext of `body` = `base64url(iv ‖ ciphertext ‖ tag)`, or `null` when it is not canonical
   * base64url, too short, fails authentication or is not UTF-8.
   */
  open(body: string, aad: string): MaybePromise<string | null>;
}

/** A crypto backend of the sealer. @internal */
export interface SealCrypto {
  /** Which build this is, for diagnostics and tests: `'web-crypto'` or `'node-crypto'`. */
  readonly name: 'web-crypto' | 'node-crypto';
  /**
   * The key of `secret` in `domain`: HKDF-SHA-256 with IKM = UTF-8 `secret`, salt = UTF-8 `domain`,
   * info = `"<domain> seal v1"` (32 bytes, the AES key) and `"<domain> key id v1"` (6 bytes, the id).
   */
  deriveKey(secret: string, domain: string): MaybePromise<SealKey>;
}

/** Bytes of IV and of tag in a sealed body. */
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
