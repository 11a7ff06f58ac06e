import type { LivepushUser } from '../api/types';
import type { TokenSet } from '../protocol/token-set';

/** Everything the server keeps about one signed-in user (sealed in the cookie, or in a {@link SessionStore}). */
export interface SessionRecord {
  /** Format version. */
  v: 1;
  /** The tokens. Secret. */
  tokens: TokenSet;
  /** The profile from `GET /account/this` when `profile.read` was granted, else `null`. */
  user: LivepushUser | null;
  /** When the user signed in (epoch ms); bounds the session's absolute lifetime. */
  createdAt: number;
  /** When the record last changed (epoch ms). */
  updatedAt: number;
}
