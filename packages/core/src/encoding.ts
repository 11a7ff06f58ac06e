const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) DECODE[ENCODE[i]!] = i;
const ascii = new TextDecoder();

/**
 * Base64url without padding (RFC 4648 §5), for state, PKCE and sealed cookies. Table-driven: this
 * runs on every sealed cookie, so it avoids `btoa` and string replaces.
 */
export function toBase64Url(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil((bytes.length * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[n >> 18]!;
    out[o++] = ENCODE[(n >> 12) & 63]!;
    out[o++] = ENCODE[(n >> 6) & 63]!;
    out[o++] = ENCODE[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = ENCODE[n >> 18]!;
    out[o++] = ENCODE[(n >> 12) & 63]!;
    if (rest === 2) out[o++] = ENCODE[(n >> 6) & 63]!;
  }
  return ascii.decode(out.subarray(0, o));
}

/**
 * Decodes canonical base64url (no padding); returns `null` for anything else. Canonical means the
 * unused low bits of the last character are zero, so one byte string has exactly one encoding and a
 * changed character always means changed bytes.
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  const length = text.length;
  const rest = length % 4;
  if (rest === 1) return null;
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  let o = 0;
  let i = 0;
  const at = (k: number) => {
    const code = text.charCodeAt(k);
    return code < 128 ? DECODE[code]! : -1;
  };
  for (; i + 3 < length; i += 4) {
    const a = at(i);
    const b = at(i + 1);
    const c = at(i + 2);
    const d = at(i + 3);
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (rest > 0) {
    const a = at(i);
    const b = at(i + 1);
    const c = rest === 3 ? at(i + 2) : 0;
    if ((a | b | c) < 0) return null;
    // Non-canonical: bits past the last byte must be zero.
    if (rest === 2 ? (b & 15) !== 0 : (c & 3) !== 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >> 16;
    if (rest === 3) out[o++] = (n >> 8) & 255;
  }
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** The string of UTF-8 bytes; `null` when they are not valid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** `length` cryptographically random bytes. */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A random base64url string carrying `bytes` bytes of entropy (32 bytes = 256 bits by default). */
export function randomToken(bytes = 32): string {
  return toBase64Url(randomBytes(bytes));
}
