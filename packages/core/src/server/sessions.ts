import { LivepushAuthError } from '../errors';
import type { TokenSet } from '../protocol/token-set';
import { isLivepushScope } from '../scopes';
import { cookieCost, expiredCookie, type LivepushCookie } from './cookies';
import type { Sealer } from './seal';
import {
  chunkedCost,
  chunkNames,
  clearChunked,
  readChunked,
  SESSION_COOKIE_MAX,
  writeChunked,
  writtenCost,
} from './session-cookie';
import { lastUsedOf, SESSION_ID, type SessionRecord } from './session-record';
import { newSessionId, type SessionStore } from './store';

/** A session as one request sees it. */
export interface LoadedSession {
  record: SessionRecord;
  /** The store id, when a {@link SessionStore} holds the record. */
  id?: string;
}

/**
 * Reads, writes and clears session cookies (and store records). `cookies` is what the browser holds:
 * the request's cookies, as this response already changed them.
 *
 * Cookie sessions live in two places: the record sealed at sign-in (`<name>`, chunked when long), and
 * the tokens of its latest refresh in a cookie named after the session's id (`<name>-<sid>`). A
 * refresh never rewrites `<name>`: a refresh that is answered after a logout or after another
 * sign-in writes a cookie that no current session reads, so it cannot bring the old session back or
 * replace the new one. For the same reason, a refresh token found dead ends the session by sealing
 * "ended" into `<name>-<sid>` rather than deleting `<name>`, which may by then hold another sign-in.
 */
export interface SessionManager {
  /** The session the cookies point at, or `null` (none, tampered, expired, ended, record gone). */
  read(cookies: ReadonlyMap<string, string>): Promise<LoadedSession | null>;
  /** The cookies that persist `record` (under a new store id when `id` is absent). */
  write(
    cookies: ReadonlyMap<string, string>,
    record: SessionRecord,
    id?: string,
  ): Promise<{ cookies: LivepushCookie[]; id?: string }>;
  /** The deletions of session cookies the browser sent but no session stands behind (none: nothing to clear). */
  clearStale(cookies: ReadonlyMap<string, string>): LivepushCookie[];
  /** The deletions of token cookies left by other (ended) sessions next to `session`'s. */
  strays(cookies: ReadonlyMap<string, string>, session: LoadedSession): LivepushCookie[];
  /**
   * What the session's cookies add to the browser's `Cookie` header (bytes): the sign-in cookie's
   * chunks and every token cookie held, plus the token cookie a refresh of `session` has yet to write.
   * Pending sign-ins get what is left of the 8 KiB.
   */
  cost(cookies: ReadonlyMap<string, string>, session: LoadedSession | null): Promise<number>;
  /** Deletes the session: its store record, and (returned) its cookies. */
  clear(cookies: ReadonlyMap<string, string>, session?: LoadedSession | null): Promise<LivepushCookie[]>;
  /**
   * Saves refreshed tokens. With a store the update is atomic: a session deleted meanwhile (logout,
   * another sign-in) stays deleted (`session: null`, and no cookie is touched: the browser may hold a
   * newer session by now), and a newer refresh by another instance wins.
   */
  saveRefreshed(
    cookies: ReadonlyMap<string, string>,
    session: LoadedSession,
    tokens: TokenSet,
  ): Promise<{ session: LoadedSession | null; cookies: LivepushCookie[] }>;
  /**
   * Runs a refresh of `session` under the store's cross-instance lock when it has one, handing
   * `task` the latest record (re-read under the lock; `null` when it is gone); else runs it at once.
   */
  withRefreshLock<T>(session: LoadedSession, task: (latest: LoadedSession | null) => Promise<T>): Promise<T>;
  /**
   * Ends a session whose refresh token Livepush rejected — unless, with a store, the record meanwhile
   * holds a newer refresh token (another instance refreshed): then that session is returned instead;
   * or unless `keep` (its access token still works): then it is returned as it is, nothing written.
   */
  endRejected(
    cookies: ReadonlyMap<string, string>,
    session: LoadedSession,
    keep: boolean,
  ): Promise<{ session: LoadedSession | null; cookies: LivepushCookie[] }>;
  /**
   * Records that `session` is used now, at most once a {@link touchInterval}: with a store its
   * `lastUsedAt` (atomically; `session: null` when it was deleted meanwhile), in cookie mode with an
   * idle timeout the token cookie `<name>-<sid>` (the sign-in cookie is not rewritten). Nothing when
   * not due, nor while `refreshNear` (the token is inside twice the leeway: the refresh records the
   * use) unless half the idle timeout (ten minutes without one) has passed.
   */
  touch(
    cookies: ReadonlyMap<string, string>,
    session: LoadedSession,
    refreshNear: boolean,
  ): Promise<{ session: LoadedSession | null; cookies: LivepushCookie[] } | null>;
  /**
   * Changes the session's record (`data`, `user`): with a store atomically (`edit` gets the current
   * record; a session deleted meanwhile stays deleted: `session: null`), in cookie mode by sealing
   * the record again into the sign-in cookie.
   * @throws {LivepushAuthError} `invalid_request` when the cookie session would grow past 6 KiB.
   */
  change(
    cookies: ReadonlyMap<string, string>,
    session: LoadedSession,
    edit: (record: SessionRecord) => SessionRecord,
  ): Promise<{ session: LoadedSession | null; cookies: LivepushCookie[] }>;
  /** When `record` ends unless used again: its idle timeout, or its absolute lifetime (epoch ms). */
  liveUntil(record: SessionRecord): number;
}

interface SessionManagerConfig {
  sealer: Sealer;
  store: SessionStore | undefined;
  cookieName: string;
  secure: boolean;
  maxAgeSeconds: number;
  /** End sessions unused this long (seconds); `undefined`: no idle timeout. */
  idleTimeoutSeconds?: number | undefined;
  now: () => number;
  /** How long a refresh may hold the cross-instance lock; a crashed holder frees it after this. */
  lockTtlMs: number;
}

type SealedPayload = { r: SessionRecord } | { id: string };
/**
 * What `<name>-<sid>` holds: the tokens of the session's latest refresh (`u` when they changed, `l`
 * when the session was last used), or that the session ended.
 */
type SealedTokens = { t: TokenSet; u: number; l?: number } | { ended: true };

/** The longest a session's last use goes unrecorded: a minute (half the idle timeout when that is shorter). */
export function touchInterval(idleTimeoutSeconds: number | undefined): number {
  return Math.min(60_000, idleTimeoutSeconds === undefined ? 60_000 : idleTimeoutSeconds * 500);
}

/** True for a plain JSON object (what `data` must be). @internal */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const CACHE_SIZE = 500;
/** A token cookie's name after `<name>-`: the session id, and a chunk number when chunked. */
const TOKEN_COOKIE_SUFFIX = /^([A-Za-z0-9_-]{16})(?:\.\d+)?$/;
/** Enough of a sealed value's end to be distinct: its 16-byte tag is the last 22 characters. */
const CACHE_KEY_LENGTH = 24;

/** Structural check of opened tokens. */
function isTokenSet(value: unknown): value is TokenSet {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Partial<TokenSet>;
  return (
    typeof t.accessToken === 'string' &&
    typeof t.expiresAt === 'number' &&
    (t.issuedAt === undefined || typeof t.issuedAt === 'number') &&
    Array.isArray(t.scopes) &&
    t.scopes.every(isLivepushScope) &&
    (t.refreshToken === undefined || typeof t.refreshToken === 'string')
  );
}

/** Structural check of an opened record: anything else is treated as no session. */
function isRecord(value: unknown): value is SessionRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<SessionRecord>;
  return (
    r.v === 1 &&
    (r.sid === undefined || (typeof r.sid === 'string' && SESSION_ID.test(r.sid))) &&
    typeof r.createdAt === 'number' &&
    typeof r.updatedAt === 'number' &&
    isTokenSet(r.tokens) &&
    (r.user === null || (typeof r.user === 'object' && r.user !== undefined)) &&
    (r.userId === undefined || typeof r.userId === 'string') &&
    (r.data === undefined || isPlainObject(r.data)) &&
    (r.lastUsedAt === undefined || typeof r.lastUsedAt === 'number') &&
    (r.userAgent === undefined || typeof r.userAgent === 'string')
  );
}

function isSealedTokens(value: unknown): value is SealedTokens {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<{ t: unknown; u: unknown; l: unknown; ended: unknown }>;
  return (
    v.ended === true ||
    (isTokenSet(v.t) && typeof v.u === 'number' && (v.l === undefined || typeof v.l === 'number'))
  );
}

/** The sealing context of `<name>-<sid>`: binds the tokens to their session. */
const tokensContext = (sid: string) => `session tokens ${sid}`;

function storeFailure(cause: unknown): LivepushAuthError {
  return new LivepushAuthError(
    'store_unavailable',
    'The session store could not be reached; the session is kept. Check the store and try again.',
    { cause },
  );
}

/** Creates the session manager; opened cookies are cached by exact value (the ciphertext authenticates it). */
export function createSessionManager(config: SessionManagerConfig): SessionManager {
  const { sealer, store, cookieName, secure, maxAgeSeconds, idleTimeoutSeconds, now } = config;
  const touchEvery = touchInterval(idleTimeoutSeconds);
  // Keyed by the value's last characters (its GCM tag): hashing a whole 2 KB cookie for the lookup
  // would cost more than the rest of a hit. A hit still needs the exact value and sealing context.
  const opened = new Map<string, { context: string; value: string; payload: unknown; expiresAt: number }>();

  /** The absolute end of `record`'s session: the seals' expiry and the cookies' `Max-Age`. */
  const expiresAt = (record: SessionRecord) => record.createdAt + maxAgeSeconds * 1000;
  /** When `record`'s session ends unless used again. */
  const liveUntil = (record: SessionRecord) =>
    idleTimeoutSeconds === undefined
      ? expiresAt(record)
      : Math.min(expiresAt(record), lastUsedOf(record) + idleTimeoutSeconds * 1000);
  /** How long a store keeps `record`: until it would end unused (seconds, at least 1). */
  const storeTtl = (record: SessionRecord) => Math.max(1, Math.floor((liveUntil(record) - now()) / 1000));
  /** Whether a record read now still stands. */
  const live = (record: SessionRecord) => liveUntil(record) > now();
  const tokensPrefix = `${cookieName}-`;
  const tokensCookie = (sid: string) => tokensPrefix + sid;
  /** The `<name>-<sid>` cookies (and their chunks) the browser holds, except `sid`'s own. */
  const tokenCookieNames = (cookies: ReadonlyMap<string, string>, except?: string) => {
    const names: string[] = [];
    for (const key of cookies.keys()) {
      if (!key.startsWith(tokensPrefix)) continue;
      const sid = TOKEN_COOKIE_SUFFIX.exec(key.slice(tokensPrefix.length))?.[1];
      if (sid !== undefined && sid !== except) names.push(key);
    }
    return names;
  };
  /** Whether the browser holds any `<name>-…` cookie: a scan without allocations (most reads find none). */
  const holdsTokenCookie = (cookies: ReadonlyMap<string, string>) => {
    for (const key of cookies.keys()) if (key.startsWith(tokensPrefix)) return true;
    return false;
  };
  const deleteAll = (names: readonly string[]) => names.map((name) => expiredCookie(name, secure));

  /** Opens `value` sealed for `context` if `valid` accepts it, until `until(payload)` (cached). */
  async function open<T>(
    context: string,
    value: string,
    valid: (payload: unknown) => payload is T,
    until: (payload: T) => number,
  ): Promise<T | null> {
    const key = value.slice(-CACHE_KEY_LENGTH);
    const cached = opened.get(key);
    if (cached?.value === value && cached.context === context) {
      if (cached.expiresAt > now()) return cached.payload as T;
      opened.delete(key);
    }
    const payload = await sealer.open(context, value);
    if (!valid(payload)) return null;
    if (opened.size >= CACHE_SIZE && !opened.has(key)) opened.delete(opened.keys().next().value as string);
    opened.set(key, { context, value, payload, expiresAt: until(payload) });
    return payload;
  }

  const isSessionPayload = (payload: unknown): payload is SealedPayload => {
    if (typeof payload !== 'object' || payload === null) return false;
    return 'id' in payload
      ? typeof payload.id === 'string' && payload.id.length >= 32
      : 'r' in payload && isRecord(payload.r);
  };

  /** The record as its latest refresh left it, `tokens` being its token cookie (`null` once it ended). */
  async function withLatestTokens(
    record: SessionRecord,
    sid: string,
    tokens: string,
  ): Promise<SessionRecord | null> {
    const latest = await open(tokensContext(sid), tokens, isSealedTokens, () => expiresAt(record));
    if (latest === null) return record; // unreadable: the record's own tokens stand
    if ('ended' in latest) return null;
    if (latest.u < record.updatedAt) return record;
    const used = Math.max(latest.l ?? latest.u, lastUsedOf(record));
    return { ...record, tokens: latest.t, updatedAt: latest.u, lastUsedAt: used };
  }

  /** `content` sealed for `record`'s token cookie, until the session ends. */
  const sealTokens = (record: SessionRecord & { sid: string }, content: SealedTokens) =>
    sealer.seal(tokensContext(record.sid), content, expiresAt(record));

  /**
   * What the token cookie a refresh of `record` writes will cost: its tokens sealed the same way
   * (a refresh's tokens are the same size). Nothing for a store session, or a record with no id.
   */
  async function tokensCost(record: SessionRecord): Promise<number> {
    if (store || record.sid === undefined) return 0;
    const { sid } = record;
    const sealed = await sealTokens({ ...record, sid }, { t: record.tokens, u: record.updatedAt });
    return writtenCost(tokensCookie(sid), sealed);
  }

  /** The cookies that put `content` in `<name>-<sid>` for as long as the session lives. */
  async function writeTokens(
    cookies: ReadonlyMap<string, string>,
    record: SessionRecord & { sid: string },
    content: SealedTokens,
  ): Promise<LivepushCookie[]> {
    const maxAge = Math.max(0, Math.floor((expiresAt(record) - now()) / 1000));
    const sealed = await sealTokens(record, content);
    // Next to the sign-in cookie the browser holds: both count against the session's budget.
    return writeChunked(
      cookies,
      tokensCookie(record.sid),
      sealed,
      { maxAge, secure },
      chunkedCost(cookies, cookieName),
    );
  }

  /** The error for a cookie session that `record`'s `data` makes too large, when it has data. */
  const dataTooLarge = (record: SessionRecord) => {
    if (record.data === undefined) return undefined;
    const bytes = new TextEncoder().encode(JSON.stringify(record.data)).length;
    return (cost: number) =>
      new LivepushAuthError(
        'invalid_request',
        `The session's data takes ${bytes} bytes (as JSON); with it the session would take ${cost} bytes of cookies, more than the ${SESSION_COOKIE_MAX} a cookie session may. Keep less in data (an id to look the rest up), or keep sessions in a store (store: createMemoryStore() or createRedisStore()).`,
      );
  };

  const manager: SessionManager = {
    liveUntil,
    clearStale: (cookies) => deleteAll([...chunkNames(cookies, cookieName), ...tokenCookieNames(cookies)]),

    strays: (cookies, session) =>
      session.id === undefined && holdsTokenCookie(cookies)
        ? deleteAll(tokenCookieNames(cookies, session.record.sid))
        : [],

    async cost(cookies, session) {
      let cost = chunkedCost(cookies, cookieName);
      for (const name of tokenCookieNames(cookies)) cost += cookieCost(name, cookies.get(name)!);
      const sid = session?.record.sid;
      if (session && sid !== undefined && readChunked(cookies, tokensCookie(sid)) === null)
        cost += await tokensCost(session.record);
      return cost;
    },

    async endRejected(cookies, session, keep) {
      const id = session.id;
      if (store && id !== undefined) {
        const rejected = session.record.tokens.refreshToken;
        let current: SessionRecord | null;
        try {
          current = await store.update(
            id,
            (record) =>
              record === null || (record.tokens.refreshToken === rejected && !keep) ? null : record,
            storeTtl(session.record),
          );
        } catch (cause) {
          throw storeFailure(cause);
        }
        // The record is gone; the cookie is left alone (the next read clears it): by the time this
        // answer arrives, the browser may hold another session's cookie under the same name.
        return { session: current === null ? null : { record: current, id }, cookies: [] };
      }
      if (keep) return { session, cookies: [] };
      const { record } = session;
      if (record.sid === undefined)
        return { session: null, cookies: clearChunked(cookies, cookieName, secure) };
      return {
        session: null,
        cookies: await writeTokens(cookies, { ...record, sid: record.sid }, { ended: true }),
      };
    },

    async withRefreshLock(session, task) {
      const id = session.id;
      if (!store?.withLock || id === undefined) return task(session);
      try {
        return await store.withLock(id, config.lockTtlMs, async () => {
          const latest = await store.get(id);
          return task(latest && isRecord(latest) && live(latest) ? { record: latest, id } : null);
        });
      } catch (error) {
        throw error instanceof LivepushAuthError ? error : storeFailure(error);
      }
    },

    async saveRefreshed(cookies, session, tokens) {
      const at = now();
      const record: SessionRecord = { ...session.record, tokens, updatedAt: at, lastUsedAt: at };
      if (!store || !session.id) {
        const { sid } = record;
        const written =
          sid === undefined
            ? (await manager.write(cookies, record)).cookies
            : await writeTokens(cookies, { ...record, sid }, { t: tokens, u: at, l: at });
        return { session: { record }, cookies: written };
      }
      const previous = session.record.tokens.refreshToken;
      const ttl = storeTtl(record);
      let result: SessionRecord | null;
      try {
        result = await store.update(
          session.id,
          (current) =>
            // Only the tokens (and the use) change: data or a profile changed meanwhile stay.
            current === null
              ? null
              : current.tokens.refreshToken === previous
                ? { ...current, tokens, updatedAt: at, lastUsedAt: at }
                : current,
          ttl,
        );
      } catch (cause) {
        throw storeFailure(cause);
      }
      // Deleted meanwhile: the cookie is left alone (see endRejected).
      if (result === null) return { session: null, cookies: [] };
      return { session: { record: result, id: session.id }, cookies: [] };
    },

    async read(cookies) {
      const value = readChunked(cookies, cookieName);
      if (value === null) return null;
      const payload = await open('session', value, isSessionPayload, (p) =>
        'r' in p ? expiresAt(p.r) : now() + maxAgeSeconds * 1000,
      );
      if (payload === null) return null;
      if ('r' in payload) {
        const { r } = payload;
        if (expiresAt(r) <= now()) return null;
        const { sid } = r;
        const tokens =
          sid === undefined || !holdsTokenCookie(cookies) ? null : readChunked(cookies, tokensCookie(sid));
        // Never refreshed (nor touched): one open.
        if (sid === undefined || tokens === null) return live(r) ? { record: r } : null;
        const record = await withLatestTokens(r, sid, tokens);
        return record === null || !live(record) ? null : { record };
      }
      if (!store) return null;
      let record: SessionRecord | null;
      try {
        record = await store.get(payload.id);
      } catch (cause) {
        throw storeFailure(cause);
      }
      return record && isRecord(record) && live(record) ? { record, id: payload.id } : null;
    },

    async write(cookies, record, id) {
      const until = expiresAt(record);
      const maxAge = Math.max(0, Math.floor((until - now()) / 1000));
      let payload: SealedPayload = { r: record };
      let storeId: string | undefined;
      if (store) {
        storeId = id ?? (await newSessionId(store, record));
        try {
          await store.set(storeId, record, storeTtl(record));
        } catch (cause) {
          throw storeFailure(cause);
        }
        payload = { id: storeId };
      }
      const sealed = await sealer.seal('session', payload, until);
      // The record carries its newest tokens now: token cookies (its own, and strays) go. Room is
      // kept for the token cookie its refreshes will write.
      const written = [
        ...writeChunked(
          cookies,
          cookieName,
          sealed,
          { maxAge, secure },
          await tokensCost(record),
          dataTooLarge(record),
        ),
        ...deleteAll(tokenCookieNames(cookies)),
      ];
      return storeId === undefined ? { cookies: written } : { cookies: written, id: storeId };
    },

    async touch(cookies, session, refreshNear) {
      const { record, id } = session;
      const at = now();
      const idle = at - lastUsedOf(record);
      if (idle < touchEvery) return null;
      // A refresh is near: it records the use with the new tokens. Writing the use now would cost a
      // store write the refresh repeats, and in cookie mode race it: this answer, arriving after a
      // parallel request's refresh, would hand the browser the spent tokens. Only when the idle
      // deadline (or, without one, ten minutes) draws near is the use written anyway.
      if (refreshNear && idle < (idleTimeoutSeconds === undefined ? 600_000 : idleTimeoutSeconds * 500))
        return null;
      if (store && id !== undefined) {
        let current: SessionRecord | null;
        try {
          current = await store.update(
            id,
            (latest) =>
              latest === null ? null : { ...latest, lastUsedAt: Math.max(at, lastUsedOf(latest)) },
            storeTtl({ ...record, lastUsedAt: at }),
          );
        } catch (cause) {
          throw storeFailure(cause);
        }
        return { session: current === null ? null : { record: current, id }, cookies: [] };
      }
      // Cookie mode: only an idle timeout needs the last use.
      if (store || idleTimeoutSeconds === undefined) return null;
      const touched: SessionRecord = { ...record, lastUsedAt: at };
      const { sid } = touched;
      const written =
        sid === undefined
          ? (await manager.write(cookies, touched)).cookies
          : await writeTokens(cookies, { ...touched, sid }, { t: record.tokens, u: record.updatedAt, l: at });
      return { session: { record: touched }, cookies: written };
    },

    async change(cookies, session, edit) {
      const { id } = session;
      if (store && id !== undefined) {
        let current: SessionRecord | null;
        try {
          current = await store.update(
            id,
            (latest) => (latest === null ? null : edit(latest)),
            storeTtl(session.record),
          );
        } catch (cause) {
          throw storeFailure(cause);
        }
        return { session: current === null ? null : { record: current, id }, cookies: [] };
      }
      // The record carries its newest tokens: sealed again whole, its token cookie goes.
      const record = edit(session.record);
      return { session: { record }, cookies: (await manager.write(cookies, record)).cookies };
    },

    async clear(cookies, session) {
      if (store && session?.id) {
        try {
          await store.delete(session.id);
        } catch (cause) {
          throw storeFailure(cause);
        }
      }
      return [...clearChunked(cookies, cookieName, secure), ...deleteAll(tokenCookieNames(cookies))];
    },
  };
  return manager;
}
