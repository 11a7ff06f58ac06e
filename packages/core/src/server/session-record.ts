import type { LivepushUser } from '../api/types';
import { randomToken } from '../encoding';
import type { TokenSet } from '../protocol/token-set';

/** Everything the server keeps about one signed-in user (sealed in the cookie, or in a {@link SessionStore}). */
export interface SessionRecord {
  /** Format version. */
  v: 1;
  /**
   * This session's id: random, fixed at sign-in. With cookie sessions, refreshed tokens go to a cookie
   * named after it, so a refresh answered after a logout or another sign-in lands where nobody reads.
   * Absent in records sealed before it existed.
   */
  sid?: string;
  /** The tokens. Secret. */
  tokens: TokenSet;
  /** The profile from `GET /account/this` when `profile.read` was granted, else `null`. */
  user: LivepushUser | null;
  /** When the user signed in (epoch ms); bounds the session's absolute lifetime. */
  createdAt: number;
  /** When the record last changed (epoch ms). */
  updatedAt: number;
}

/** The shape of {@link SessionRecord.sid}: 16 base64url characters (96 random bits). @internal */
export const SESSION_ID = /^[A-Za-z0-9_-]{16}$/;

/** The record of a sign-in that happens now: a new session id. @internal */
export function createSessionRecord(tokens: TokenSet, user: LivepushUser | null, now: number): SessionRecord {
  return { v: 1, sid: randomToken(12), tokens, user, createdAt: now, updatedAt: now };
}
