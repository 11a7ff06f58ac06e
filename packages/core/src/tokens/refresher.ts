import type { OAuthClient } from '../config';
import { LivepushAuthError } from '../errors';
import { refreshTokenSet } from '../protocol/token-request';
import type { TokenSet } from '../protocol/token-set';
import { neverReachedServer } from '../transport';
import { DEFAULT_EXPIRY_LEEWAY_SECONDS, isExpired } from './expiry';

/** Options of {@link createRefresher}. */
export interface RefresherOptions {
  /** How long a refresh result is reused for late callers that still hold the old token set, in ms. Default 60 000. */
  reuseWindowMs?: number;
  /** How many recent results to remember (bounded memory). Default 1000. */
  maxRemembered?: number;
  /** Seconds before expiry at which a reused result counts as stale. Default 60. */
  leewaySeconds?: number;
  /**
   * Delay before the one retry of a refresh whose request never left this machine (connection
   * refused, DNS failure), in ms. Default 250. Other failures are never retried: a request that may
   * have reached Livepush could have rotated the refresh token already.
   */
  retryDelayMs?: number;
}

/** Refreshes token sets, one request per refresh token however many callers ask at once. */
export interface Refresher {
  /**
   * The refreshed token set for `tokens`. Concurrent calls with the same refresh token share one
   * request; a caller that arrives just after with the old tokens gets the same result instead of
   * replaying a rotated (now dead) refresh token.
   *
   * @throws {LivepushAuthError} `invalid_grant` or `unauthenticated` when the session is over;
   *   `network_error`, `timeout`, `token_request_failed`, `invalid_response` when the failure is
   *   transient: keep the old token set and try again later.
   */
  refresh(tokens: TokenSet): Promise<TokenSet>;
  /** How many refresh requests are in flight (for tests and metrics). */
  readonly inFlight: number;
}

interface Remembered {
  tokens: TokenSet;
  at: number;
}

/**
 * Creates a single-flight refresher for one OAuth client. Keep one per process (the server handler
 * does): deduplication works only among callers that share it.
 */
export function createRefresher(client: OAuthClient, options: RefresherOptions = {}): Refresher {
  const reuseWindowMs = options.reuseWindowMs ?? 60_000;
  const maxRemembered = options.maxRemembered ?? 1000;
  const leewaySeconds = options.leewaySeconds ?? DEFAULT_EXPIRY_LEEWAY_SECONDS;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const pending = new Map<string, Promise<TokenSet>>();
  const remembered = new Map<string, Remembered>();

  function remember(oldRefreshToken: string, tokens: TokenSet): void {
    remembered.delete(oldRefreshToken);
    remembered.set(oldRefreshToken, { tokens, at: client.now() });
    while (remembered.size > maxRemembered) {
      const oldest = remembered.keys().next().value;
      if (oldest === undefined) break;
      remembered.delete(oldest);
    }
  }

  function recent(refreshToken: string): TokenSet | undefined {
    const entry = remembered.get(refreshToken);
    if (!entry) return undefined;
    const now = client.now();
    if (now - entry.at > reuseWindowMs) {
      remembered.delete(refreshToken);
      return undefined;
    }
    return entry.tokens;
  }

  async function refreshOnce(tokens: TokenSet): Promise<TokenSet> {
    try {
      return await refreshTokenSet(client, tokens);
    } catch (error) {
      if (!(error instanceof LivepushAuthError) || !neverReachedServer(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      return refreshTokenSet(client, tokens);
    }
  }

  function refresh(tokens: TokenSet): Promise<TokenSet> {
    const refreshToken = tokens?.refreshToken;
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      return Promise.reject(
        new LivepushAuthError(
          'unauthenticated',
          'The access token expired and there is no refresh token; sign the user in again.',
        ),
      );
    }
    const known = recent(refreshToken);
    if (known) {
      if (!isExpired(known, { now: client.now(), leewaySeconds })) return Promise.resolve(known);
      // The newest tokens are due themselves: refresh those instead of replaying a rotated (dead)
      // token, and point this one at the result too, so later callers holding it follow the chain.
      return refresh(known).then((fresh) => {
        remember(refreshToken, fresh);
        return fresh;
      });
    }
    const running = pending.get(refreshToken);
    if (running) return running;
    const request = refreshOnce(tokens).then(
      (fresh) => {
        pending.delete(refreshToken);
        remember(refreshToken, fresh);
        return fresh;
      },
      (error: unknown) => {
        pending.delete(refreshToken);
        throw error;
      },
    );
    pending.set(refreshToken, request);
    return request;
  }

  return {
    refresh,
    get inFlight() {
      return pending.size;
    },
  };
}
