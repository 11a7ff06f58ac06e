import { decode, encode } from '@auth/core/jwt';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { SECRET } from './fixture';
import type { SessionPayloadRecord } from './session-pool';

/** An alternative way to keep a session in a cookie: encrypt a payload, decrypt it on each request. */
export interface SessionCodec {
  name: string;
  encode(payload: SessionPayloadRecord): Promise<string>;
  decode(token: string): Promise<unknown>;
}

const MAX_AGE_SECONDS = 30 * 24 * 3600;

/** Auth.js (`@auth/core/jwt`): JWE dir + A256CBC-HS512, key derived with HKDF from the secret on every call. */
export function authjsCodec(): SessionCodec {
  const salt = 'authjs.session-token';
  return {
    name: 'Auth.js @auth/core/jwt decode',
    encode: (payload) =>
      encode({
        token: payload as unknown as Record<string, unknown>,
        secret: SECRET,
        salt,
        maxAge: MAX_AGE_SECONDS,
      }),
    decode: (token) => decode({ token, secret: SECRET, salt }),
  };
}

/** jose: JWE dir + A256GCM with a CryptoKey imported once (the fastest plain-JWE baseline). */
export async function joseCodec(): Promise<SessionCodec> {
  const key = await crypto.subtle.importKey(
    'raw',
    crypto.getRandomValues(new Uint8Array(32)),
    'AES-GCM',
    false,
    ['encrypt', 'decrypt'],
  );
  return {
    name: 'jose jwtDecrypt A256GCM (cached key)',
    encode: (payload) =>
      new EncryptJWT(payload as unknown as Record<string, unknown>)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt()
        .setExpirationTime(`${MAX_AGE_SECONDS}s`)
        .encrypt(key),
    decode: async (token) => (await jwtDecrypt(token, key)).payload,
  };
}
