import { randomToken, toBase64Url, utf8 } from './encoding';

/** A PKCE pair (RFC 7636): keep `verifier` secret on the server, send `challenge` to authorize. */
export interface PkcePair {
  /** 43 characters of base64url (256 bits): sent only to the token endpoint. */
  verifier: string;
  /** `BASE64URL(SHA-256(verifier))`, sent as `code_challenge` with method `S256`. */
  challenge: string;
}

/** The S256 challenge of a verifier. */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8(verifier));
  return toBase64Url(new Uint8Array(digest));
}

/** A fresh PKCE verifier and its S256 challenge. */
export async function createPkce(): Promise<PkcePair> {
  const verifier = randomToken(32);
  return { verifier, challenge: await pkceChallenge(verifier) };
}
