import type { TokenSet } from '../protocol/token-set';

/** Options of {@link isExpired}. */
export interface ExpiryOptions {
  /** The current time in epoch ms. Default `Date.now()`. */
  now?: number;
  /** Treat the token as expired this many seconds early, so it never dies mid-request. Default 60. */
  leewaySeconds?: number;
}

/** The default leeway, in seconds, before `expiresAt` at which a token counts as expired. */
export const DEFAULT_EXPIRY_LEEWAY_SECONDS = 60;

/**
 * True when the access token is expired or will be within the leeway.
 *
 * @example if (isExpired(tokens, { now: clock() })) tokens = await refresher.refresh(tokens)
 */
export function isExpired(tokens: Pick<TokenSet, 'expiresAt'>, options: ExpiryOptions = {}): boolean {
  const now = options.now ?? Date.now();
  const leeway = options.leewaySeconds ?? DEFAULT_EXPIRY_LEEWAY_SECONDS;
  if (!Number.isFinite(tokens?.expiresAt)) return true;
  return tokens.expiresAt - leeway * 1000 <= now;
}
