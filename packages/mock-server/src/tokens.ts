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

/** Why a refresh token was refused. */
export type RefreshTokenCheck =
  | { ok: true; grant: Grant; scopes: readonly MockScope[] }
  | { ok: false; reason: string };

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/**
 * Issues and checks tokens. Access tokens are HS256 JWTs (Livepush declares `bearerFormat: JWT`)
 * signed with a key that lives as long as this store; they are also tracked by `jti`, because a
 * JWT alone cannot be revoked. Refresh tokens are opaque random strings: only this server reads them.
 */
export class TokenStore {
  readonly #key = randomBytes(32);
  readonly #issuer: () => string;
  readonly #now: () => number;
  #access = new Map<string, AccessTokenRecord>();
  #refresh = new Map<string, RefreshTokenRecord>();
  #grants = new Map<string, Grant>();

  constructor(issuer: () => string, now: () => number) {
    this.#issuer = issuer;
    this.#now = now;
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
    const issuer = this.#issuer();
    const claims = {
      iss: issuer,
      sub: grant.userId,
      aud: [`${issuer}/squid`, `${issuer}/octopus`],
      client_id: grant.clientId,
      scope: scopes.join(' '),
      sid: grant.id,
      token_use: 'access',
      iat: Math.floor(issuedAt / 1000),
      nbf: Math.floor(issuedAt / 1000),
      exp: Math.floor(issuedAt / 1000) + expiresIn,
      jti,
    };
    const access_token = this.#sign(claims);
    this.#access.set(jti, { jti, grant, scopes, expiresAt: issuedAt + expiresIn * 1000 });
    let refresh_token = refreshToken;
    if (refresh_token === undefined) {
      refresh_token = randomBytes(36).toString('base64url');
      this.#refresh.set(refresh_token, { grant, scopes, active: true });
    }
    return { access_token, refresh_token, token_type: 'access_token', expires_in: expiresIn };
  }

  /** Checks a bearer token: signature, then that it is known, unrevoked and unexpired. */
  checkAccessToken(token: string): AccessTokenCheck {
    const jti = this.#verify(token);
    if (jti === undefined)
      return { ok: false, reason: 'The access token is malformed or its signature is invalid' };
    const record = this.#access.get(jti);
    if (record === undefined || record.grant.revoked)
      return { ok: false, reason: 'The access token was revoked' };
    if (this.#now() >= record.expiresAt) return { ok: false, reason: 'The access token has expired' };
    return { ok: true, record };
  }

  /** Checks a refresh token presented by `clientId`. */
  checkRefreshToken(token: string, clientId: string): RefreshTokenCheck {
    const record = this.#refresh.get(token);
    if (record === undefined) return { ok: false, reason: 'Unknown refresh token' };
    if (record.grant.revoked) return { ok: false, reason: 'The refresh token was revoked' };
    if (!record.active) return { ok: false, reason: 'The refresh token was already used (it was rotated)' };
    if (record.grant.clientId !== clientId)
      return { ok: false, reason: 'The refresh token was issued to another client' };
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
