import type { LivepushUser } from './api/types';
import type { LivepushScope } from './scopes';

/**
 * What `GET {basePath}/session` answers and what the browser store holds: never a token.
 * `expiresAt` is when the current access token expires (epoch ms); the server refreshes it as needed.
 */
export type SessionPayload =
  | { authenticated: false }
  | {
      authenticated: true;
      scopes: LivepushScope[];
      expiresAt: number;
      user: LivepushUser | null;
    };

/** The signed-in variant of {@link SessionPayload}. */
export type SessionSummary = Extract<SessionPayload, { authenticated: true }>;
