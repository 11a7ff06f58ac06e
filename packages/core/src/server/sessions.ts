import { LivepushAuthError } from '../errors';
import type { TokenSet } from '../protocol/token-set';
import { isLivepushScope } from '../scopes';
import { expiredCookie, type LivepushCookie } from './cookies';
import type { Sealer } from './seal';
import { chunkNames, clearChunked, readChunked, writeChunked } from './session-cookie';
import type { SessionRecord } from './session-record';
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
 */
export interface SessionManager {
  /** The session the cookies point at, or `null` (none, tampered, expired, record gone). */
  read(cookies: ReadonlyMap<string, string>): Promise<LoadedSession | null>;
  /** The cookies that persist `record` (under a new store id when `id` is absent). */
  write(
    cookies: ReadonlyMap<string, string>,
    record: SessionRecord,
    id?: string,
  ): Promise<{ cookies: LivepushCookie[]; id?: string }>;
  /** The deletions of session cookies the browser sent but no session stands behind (none: nothing to clear). */
  clearStale(cookies: ReadonlyMap<string, string>): LivepushCookie[];
  /** Deletes the session: its store record, and (returned) its cookies. */
  clear(cookies: ReadonlyMap<string, string>, session?: LoadedSession | null): Promise<LivepushCookie[]>;
  /**
   * Saves refreshed tokens. With a store the update is atomic: a session deleted meanwhile (logout)
   * stays deleted (`session: null`), and a newer refresh by another instance wins.
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
   * holds a newer refresh token (another instance refreshed): then that session is returned instead.
   */
  endRejected(
    cookies: ReadonlyMap<string, string>,
    session: LoadedSession,
  ): Promise<{ session: LoadedSession | null; cookies: LivepushCookie[] }>;
}

interface SessionManagerConfig {
  sealer: Sealer;
  store: SessionStore | undefined;
  cookieName: string;
  secure: boolean;
  maxAgeSeconds: number;
  now: () => number;
  /** How long a refresh may hold the cross-instance lock; a crashed holder frees it after this. */
  lockTtlMs: number;
}

type SealedPayload = { r: SessionRecord } | { id: string };

const CACHE_SIZE = 500;
/** Enough of a sealed value's end to be distinct: its 16-byte tag is the last 22 characters. */
const CACHE_KEY_LENGTH = 24;

/** Structural check of an opened record: anything else is treated as no session. */
function isRecord(value: unknown): value is SessionRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<SessionRecord>;
  const t = r.tokens;
  return (
    r.v === 1 &&
    typeof r.createdAt === 'number' &&
    typeof r.updatedAt === 'number' &&
    typeof t === 'object' &&
    t !== null &&
    typeof t.accessToken === 'string' &&
    typeof t.expiresAt === 'number' &&
    Array.isArray(t.scopes) &&
    t.scopes.every(isLivepushScope) &&
    (t.refreshToken === undefined || typeof t.refreshToken === 'string') &&
    (r.user === null || (typeof r.user === 'object' && r.user !== undefined))
  );
}

function storeFailure(cause: unknown): LivepushAuthError {
  return new LivepushAuthError(
    'store_unavailable',
    'The session store could not be reached; the session is kept. Check the store and try again.',
    { cause },
  );
}

/** Creates the session manager; opened cookies are cached by exact value (the ciphertext authenticates it). */
export function createSessionManager(config: SessionManagerConfig): SessionManager {
  const { sealer, store, cookieName, secure, maxAgeSeconds, now } = config;
  // Keyed by the value's last characters (its GCM tag): hashing a whole 2 KB cookie for the lookup
  // would cost more than the rest of a hit. A hit still needs the exact value.
  const opened = new Map<string, { value: string; payload: SealedPayload; expiresAt: number }>();
  const cacheKey = (value: string) => value.slice(-CACHE_KEY_LENGTH);

  const expiresAt = (record: SessionRecord) => record.createdAt + maxAgeSeconds * 1000;

  async function open(value: string): Promise<SealedPayload | null> {
    const key = cacheKey(value);
    const cached = opened.get(key);
    if (cached?.value === value) {
      if (cached.expiresAt > now()) return cached.payload;
      opened.delete(key);
    }
    const payload = (await sealer.open('session', value)) as SealedPayload | null;
    if (typeof payload !== 'object' || payload === null) return null;
    const valid =
      'id' in payload
        ? typeof payload.id === 'string' && payload.id.length >= 32
        : 'r' in payload && isRecord(payload.r);
    if (!valid) return null;
    const until = 'r' in payload ? expiresAt(payload.r) : now() + maxAgeSeconds * 1000;
    if (opened.size >= CACHE_SIZE && !opened.has(key)) opened.delete(opened.keys().next().value as string);
    opened.set(key, { value, payload, expiresAt: until });
    return payload;
  }

  const manager: SessionManager = {
    clearStale: (cookies) => chunkNames(cookies, cookieName).map((name) => expiredCookie(name, secure)),

    async endRejected(cookies, session) {
      const id = session.id;
      if (store && id !== undefined) {
        const rejected = session.record.tokens.refreshToken;
        let current: SessionRecord | null;
        try {
          current = await store.update(
            id,
            (record) => (record === null || record.tokens.refreshToken === rejected ? null : record),
            Math.max(1, Math.floor((expiresAt(session.record) - now()) / 1000)),
          );
        } catch (cause) {
          throw storeFailure(cause);
        }
        if (current !== null) return { session: { record: current, id }, cookies: [] };
      }
      return { session: null, cookies: clearChunked(cookies, cookieName, secure) };
    },

    async withRefreshLock(session, task) {
      const id = session.id;
      if (!store?.withLock || id === undefined) return task(session);
      try {
        return await store.withLock(id, config.lockTtlMs, async () => {
          const latest = await store.get(id);
          return task(
            latest && isRecord(latest) && expiresAt(latest) > now() ? { record: latest, id } : null,
          );
        });
      } catch (error) {
        throw error instanceof LivepushAuthError ? error : storeFailure(error);
      }
    },

    async saveRefreshed(cookies, session, tokens) {
      const record: SessionRecord = { ...session.record, tokens, updatedAt: now() };
      if (!store || !session.id) {
        const written = await manager.write(cookies, record);
        return { session: { record }, cookies: written.cookies };
      }
      const previous = session.record.tokens.refreshToken;
      const ttl = Math.max(1, Math.floor((expiresAt(record) - now()) / 1000));
      let result: SessionRecord | null;
      try {
        result = await store.update(
          session.id,
          (current) =>
            current === null ? null : current.tokens.refreshToken === previous ? record : current,
          ttl,
        );
      } catch (cause) {
        throw storeFailure(cause);
      }
      if (result === null) return { session: null, cookies: clearChunked(cookies, cookieName, secure) };
      return { session: { record: result, id: session.id }, cookies: [] };
    },

    async read(cookies) {
      const value = readChunked(cookies, cookieName);
      if (value === null) return null;
      const payload = await open(value);
      if (payload === null) return null;
      if ('r' in payload) return expiresAt(payload.r) > now() ? { record: payload.r } : null;
      if (!store) return null;
      let record: SessionRecord | null;
      try {
        record = await store.get(payload.id);
      } catch (cause) {
        throw storeFailure(cause);
      }
      return record && isRecord(record) && expiresAt(record) > now() ? { record, id: payload.id } : null;
    },

    async write(cookies, record, id) {
      const until = expiresAt(record);
      const maxAge = Math.max(0, Math.floor((until - now()) / 1000));
      let payload: SealedPayload = { r: record };
      let storeId: string | undefined;
      if (store) {
        storeId = id ?? (await newSessionId(store, record));
        try {
          await store.set(storeId, record, maxAge);
        } catch (cause) {
          throw storeFailure(cause);
        }
        payload = { id: storeId };
      }
      const sealed = await sealer.seal('session', payload, until);
      const written = writeChunked(cookies, cookieName, sealed, { maxAge, secure });
      return storeId === undefined ? { cookies: written } : { cookies: written, id: storeId };
    },

    async clear(cookies, session) {
      if (store && session?.id) {
        try {
          await store.delete(session.id);
        } catch (cause) {
          throw storeFailure(cause);
        }
      }
      return clearChunked(cookies, cookieName, secure);
    },
  };
  return manager;
}
