import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { MockScope } from './scopes';

/**
 * A grant: one user's consent to one client for some scopes. Every token issued from one
 * authorization code (and every refresh of those) shares a grant, so a replayed code can revoke
 * them all at once (RFC 6749 §10.5).
 */
export interface Grant {
  id: string;
  userId: string;
  clientId: string;
  scopes: readonly MockScope[];
  accessTokenTtlSeconds: number;
  revoked: boolean;
}

/** How access tokens look: opaque strings (as in Livepush's documented example) or HS256 JWTs. */
export type TokenFormat = 'opaque' | 'jwt';

/** What a valid access token stands for. */
export interface AccessTokenRecord {
  jti: string;
  grant: Grant;
  scopes: readonly MockScope[];
  expiresAt: number;
}

interface RefreshTokenRecord {
  grant: Grant;
  scopes: readonly MockScope[];
  active: boolean;
}

/** A freshly issued token pair, as the token endpoint answers it. */
export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'access_token';
  expires_in: number;
}

/** Why an access token was refused. */
export type AccessTokenCheck = { ok: true; record: AccessTokenRecord } | { ok: false; reason: string };

/**
 * Why a refresh token was refused. `replayed` holds the grant when the token was valid once but has
 * been rotated out: its owner presented it again (a replay, RFC 9700 §4.14.2).
 */
export type RefreshTokenCheck =
  | { ok: true; grant: Grant; scopes: readonly MockScope[] }
  | { ok: false; reason: string; replayed?: Grant };

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An opaque token like Livepush's documented example (`uatin87h3m1opd908pa9sd…`): lowercase letters and digits. */
function opaqueToken(length: number): string {
  // 252 is the largest multiple of 36 below 256: rejecting the rest keeps every character equally likely.
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < 252 && out.length < length) out += ALPHANUMERIC[byte % 36];
    }
  }
  return out;
}

/**
 * Issues and checks tokens. Access tokens are opaque random strings by default, as in Livepush's
 * documented example; with `format: 'jwt'` they are HS256 JWTs (the API declares `bearerFormat: JWT`)
 * signed with a key that lives as long as this store. Either way every access token is tracked here
 * (a JWT alone cannot be revoked). Refresh tokens are opaque random strings: only this server reads them.
 */
export class TokenStore {
  readonly #key = randomBytes(32);
  readonly #issuer: () => string;
  readonly #now: () => number;
  readonly #format: TokenFormat;
  /** By the token itself (opaque) or by its `jti` claim (JWT). */
  #access = new Map<string, AccessTokenRecord>();
  #refresh = new Map<string, RefreshTokenRecord>();
  #grants = new Map<string, Grant>();
  /** Every token handed out, in order, for tests that scan for leaks. */
  #issued: { accessTokens: string[]; refreshTokens: string[] } = { accessTokens: [], refreshTokens: [] };

  constructor(issuer: () => string, now: () => number, format: TokenFormat = 'opaque') {
    this.#issuer = issuer;
    this.#now = now;
    this.#format = format;
  }

  /** Starts a grant for `userId` and `clientId`. */
  createGrant(input: Omit<Grant, 'id' | 'revoked'>): Grant {
    const grant: Grant = { ...input, id: randomUUID(), revoked: false };
    this.#grants.set(grant.id, grant);
    return grant;
  }

  /** Issues an access token and, unless `refreshToken` is given (no rotation), a new refresh token. */
  issue(grant: Grant, scopes: readonly MockScope[], refreshToken?: string): IssuedTokens {
    const issuedAt = this.#now();
    const expiresIn = grant.accessTokenTtlSeconds;
    const jti = randomUUID();
    const record = { jti, grant, scopes, expiresAt: issuedAt + expiresIn * 1000 };
    let access_token: string;
    if (this.#format === 'opaque') {
      access_token = opaqueToken(48);
      this.#access.set(access_token, record);
    } else {
      access_token = this.#jwt(grant, scopes, jti, issuedAt, expiresIn);
      this.#access.set(jti, record);
    }
    let refresh_token = refreshToken;
    if (refresh_token === undefined) {
      refresh_token = randomBytes(36).toString('base64url');
      this.#refresh.set(refresh_token, { grant, scopes, active: true });
      this.#issued.refreshTokens.push(refresh_token);
    }
    this.#issued.accessTokens.push(access_token);
    return { access_token, refresh_token, token_type: 'access_token', expires_in: expiresIn };
  }

  /** Every access and refresh token issued since the start (or the last {@link clear}). */
  issued(): { accessTokens: string[]; refreshTokens: string[] } {
    return { accessTokens: [...this.#issued.accessTokens], refreshTokens: [...this.#issued.refreshTokens] };
  }

  /** A signed JWT for an access token (`format: 'jwt'`). */
  #jwt(grant: Grant, scopes: readonly MockScope[], jti: string, issuedAt: number, expiresIn: number): string {
    const issuer = this.#issuer();
    return this.#sign({
      iss: issuer,
      sub: grant.userId,
      aud: [`${issuer}/squid`, `${issuer}/octopus`, `${issuer}/vod`],
      client_id: grant.clientId,
      scope: scopes.join(' '),
      sid: grant.id,
      token_use: 'access',
      iat: Math.floor(issuedAt / 1000),
      nbf: Math.floor(issuedAt / 1000),
      exp: Math.floor(issuedAt / 1000) + expiresIn,
      jti,
    });
  }

  /** Checks a bearer token: known (for a JWT: its signature first), unrevoked and unexpired. */
  checkAccessToken(token: string): AccessTokenCheck {
    const key = this.#format === 'opaque' ? token : this.#verify(token);
    if (key === undefined)
      return { ok: false, reason: 'The access token is malformed or its signature is invalid' };
    const record = this.#access.get(key);
    if (record === undefined && this.#format === 'opaque')
      return { ok: false, reason: 'The access token is unknown' };
    if (record === undefined || record.grant.revoked)
      return { ok: false, reason: 'The access token was revoked' };
    if (this.#now() >= record.expiresAt) return { ok: false, reason: 'The access token has expired' };
    return { ok: true, record };
  }

  /** Checks a refresh token presented by `clientId`. */
  checkRefreshToken(token: string, clientId: string): RefreshTokenCheck {
    const record = this.#refresh.get(token);
    if (record === undefined) return { ok: false, reason: 'Unknown refresh token' };
    if (record.grant.clientId !== clientId)
      return { ok: false, reason: 'The refresh token was issued to another client' };
    if (!record.active) {
      return {
        ok: false,
        reason: 'The refresh token was already used (it was rotated)',
        replayed: record.grant,
      };
    }
    if (record.grant.revoked) return { ok: false, reason: 'The refresh token was revoked' };
    return { ok: true, grant: record.grant, scopes: record.scopes };
  }

  /** Marks a refresh token used, so presenting it again fails (rotation). */
  retireRefreshToken(token: string): void {
    const record = this.#refresh.get(token);
    if (record !== undefined) record.active = false;
  }

  /** Revokes every token of a grant. */
  revokeGrant(grantId: string): void {
    const grant = this.#grants.get(grantId);
    if (grant !== undefined) grant.revoked = true;
  }

  /** Revokes every token issued so far. */
  revokeAll(): void {
    for (const grant of this.#grants.values()) grant.revoked = true;
  }

  /** Forgets every token and grant. */
  clear(): void {
    this.#access = new Map();
    this.#refresh = new Map();
    this.#grants = new Map();
    this.#issued = { accessTokens: [], refreshTokens: [] };
  }

  #sign(claims: Record<string, unknown>): string {
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createHmac('sha256', this.#key).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /** The `jti` of a well-formed token signed by this store, else undefined. */
  #verify(token: string): string | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = createHmac('sha256', this.#key).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (typeof claims !== 'object' || claims === null || !('jti' in claims)) return undefined;
      return typeof claims.jti === 'string' ? claims.jti : undefined;
    } catch {
      return undefined;
    }
  }
}
