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
  /** The Livepush user id (the profile's `id` at sign-in): the key of the store's per-user index. */
  userId?: string;
  /** The app's own data (`onSignIn`, `updateSession`): a JSON object, visible to the browser. */
  data?: Record<string, unknown>;
  /** When the session was last used (epoch ms), written back at most once a minute; bounds its idle time. */
  lastUsedAt?: number;
  /** The `User-Agent` of the sign-in request (at most 256 characters), for `listSessions`. */
  userAgent?: string;
}

/** The shape of {@link SessionRecord.sid}: 16 base64url characters (96 random bits). @internal */
export const SESSION_ID = /^[A-Za-z0-9_-]{16}$/;

/** The longest `User-Agent` a record keeps. */
const USER_AGENT_MAX = 256;

/** What a sign-in adds to its record besides the tokens and the profile. @internal */
export interface SignInFacts {
  userId: string | null;
  data: Record<string, unknown> | undefined;
  userAgent: string | null;
}

/** The record of a sign-in that happens now: a new session id, last used now. @internal */
export function createSessionRecord(
  tokens: TokenSet,
  user: LivepushUser | null,
  now: number,
  facts: Partial<SignInFacts> = {},
): SessionRecord {
  const record: SessionRecord = {
    v: 1,
    sid: randomToken(12),
    tokens,
    user,
    createdAt: now,
    updatedAt: now,
    lastUsedAt: now,
  };
  if (facts.userId) record.userId = facts.userId;
  if (facts.data && Object.keys(facts.data).length > 0) record.data = facts.data;
  if (facts.userAgent) record.userAgent = facts.userAgent.slice(0, USER_AGENT_MAX);
  return record;
}

/** The Livepush user id of `record`: its `userId`, else (older records) its profile's `id`. @internal */
export function userIdOf(record: SessionRecord): string | null {
  if (typeof record.userId === 'string') return record.userId;
  const id = record.user?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** When `record` was last used: its `lastUsedAt`, else (older records) its last change. @internal */
export const lastUsedOf = (record: SessionRecord): number => record.lastUsedAt ?? record.updatedAt;
