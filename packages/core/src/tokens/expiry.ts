import type { TokenSet } from '../protocol/token-set';

/** Options of {@link isExpired}. */
export interface ExpiryOptions {
  /** The current time in epoch ms. Default `Date.now()`. */
  now?: number;
  /**
   * Treat the token as expired this many seconds early, so it never dies mid-request. Default 60.
   * At most a quarter of the token's lifetime counts when the token set knows when it was issued
   * (`issuedAt`): see {@link leewayMs}.
   */
  leewaySeconds?: number;
}

/** The default leeway, in seconds, before `expiresAt` at which a token counts as expired. */
export const DEFAULT_EXPIRY_LEEWAY_SECONDS = 60;

/**
 * The largest share of a token's lifetime the leeway takes. Without a cap, a token that lives no
 * longer than the leeway (`expires_in` 30 with the default 60 s) would be due the moment it arrives:
 * every request would refresh it again, and a late request still holding the previous one would
 * find its refreshed successor due too.
 */
const MAX_LEEWAY_FRACTION = 0.25;

/**
 * How long before `expiresAt` a token counts as due, in ms: the leeway, capped at a quarter of the
 * token's lifetime when `issuedAt` is known (token sets from before `issuedAt` existed get the full leeway).
 */
function leewayMs(
  tokens: Pick<TokenSet, 'expiresAt' | 'issuedAt'>,
  leewaySeconds = DEFAULT_EXPIRY_LEEWAY_SECONDS,
): number {
  const leeway = leewaySeconds * 1000;
  const { issuedAt, expiresAt } = tokens;
  if (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt) || issuedAt > expiresAt) return leeway;
  return Math.min(leeway, (expiresAt - issuedAt) * MAX_LEEWAY_FRACTION);
}

/**
 * When the token is due for a refresh (epoch ms): `expiresAt` minus the (capped) leeway, or minus
 * twice that when `ahead` — the moment `GET {basePath}/session` refreshes, so the browser store's one
 * refresh comes before any API request finds the token due.
 * @internal
 */
export function refreshDueAt(
  tokens: Pick<TokenSet, 'expiresAt' | 'issuedAt'>,
  leewaySeconds: number,
  ahead = false,
): number {
  return tokens.expiresAt - (ahead ? 2 : 1) * leewayMs(tokens, leewaySeconds);
}

/**
 * True when the access token is expired or will be within the leeway (at most a quarter of its
 * lifetime when `issuedAt` is known).
 *
 * @example if (isExpired(tokens, { now: clock() })) tokens = await refresher.refresh(tokens)
 */
export function isExpired(
  tokens: Pick<TokenSet, 'expiresAt' | 'issuedAt'>,
  options: ExpiryOptions = {},
): boolean {
  const now = options.now ?? Date.now();
  if (!Number.isFinite(tokens?.expiresAt)) return true;
  return refreshDueAt(tokens, options.leewaySeconds ?? DEFAULT_EXPIRY_LEEWAY_SECONDS) <= now;
}
