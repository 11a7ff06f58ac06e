import { randomBytes } from 'node:crypto';
import type { MockScope } from '../scopes';

/** An authorization code and everything it is bound to. */
export interface AuthorizationCode {
  code: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: readonly MockScope[];
  /** The S256 `code_challenge`, when the authorization request carried one. */
  codeChallenge: string | undefined;
  expiresAt: number;
  /** Set once the code was presented; a second presentation is a replay. */
  used: boolean;
  /** The grant created when the code was redeemed, revoked if the code is replayed. */
  grantId: string | undefined;
}

/** Single-use authorization codes that expire. */
export class CodeStore {
  #codes = new Map<string, AuthorizationCode>();

  /** Mints a code valid `ttlSeconds` from `now`. */
  create(
    input: Omit<AuthorizationCode, 'code' | 'used' | 'grantId' | 'expiresAt'>,
    now: number,
    ttlSeconds: number,
  ) {
    const code = randomBytes(24).toString('base64url');
    const record: AuthorizationCode = {
      ...input,
      code,
      expiresAt: now + ttlSeconds * 1000,
      used: false,
      grantId: undefined,
    };
    this.#codes.set(code, record);
    return record;
  }

  /** The record of `code`, used or not; undefined when never issued. */
  find(code: string): AuthorizationCode | undefined {
    return this.#codes.get(code);
  }

  /** Forgets every code. */
  clear(): void {
    this.#codes = new Map();
  }
}
