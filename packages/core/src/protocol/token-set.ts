import type { LivepushScope } from '../scopes';

/** The tokens of one signed-in user, as Livepush Auth keeps them (server-side only). */
export interface TokenSet {
  /** The bearer token for API calls. Secret. */
  accessToken: string;
  /** The long-lived token that gets new access tokens. Secret. Absent when Livepush sent none. */
  refreshToken?: string;
  /** The `token_type` Livepush sent (it documents the literal `access_token`); sent as `Bearer` regardless. */
  tokenType: string;
  /** When the access token expires, in epoch milliseconds (from the injected clock). */
  expiresAt: number;
  /**
   * When the token endpoint answered, in epoch milliseconds (from the injected clock): with
   * `expiresAt` it gives the token's lifetime, which caps the refresh leeway at a quarter of it.
   * Absent in token sets made before it existed; they get the full leeway.
   */
  issuedAt?: number;
  /** The scopes granted: the response's `scope` when present, else the scopes requested. */
  scopes: LivepushScope[];
}
