import { LivepushAuthError } from '../errors';
import type { ServerCore } from './config';
import { lastUsedOf } from './session-record';
import type { SessionStore } from './store';
import type { LivepushSessionInfo } from './types';

type UserMethod = 'deleteUserSessions' | 'listUserSessions';

/** The store's per-user method `method`, for `caller`. */
function userIndex<M extends UserMethod>(
  core: ServerCore,
  caller: string,
  method: M,
  userId: unknown,
): NonNullable<SessionStore[M]> {
  if (typeof userId !== 'string' || userId === '' || userId.length > 256) {
    throw new LivepushAuthError(
      'invalid_request',
      `${caller}(userId): pass the Livepush user id (session.userId), a non-empty string.`,
    );
  }
  const { store } = core;
  if (!store) {
    throw new LivepushAuthError(
      'invalid_config',
      `${caller} needs a session store: in cookie mode each session lives only in its browser's cookie, so a server cannot find or end them. Keep sessions in a store (store: createMemoryStore() for one process, createRedisStore() for several).`,
    );
  }
  const found = store[method];
  if (typeof found !== 'function') {
    throw new LivepushAuthError(
      'invalid_config',
      `${caller} needs a session store with ${method}(userId); the configured store (options.store) has none. Use createMemoryStore() or createRedisStore(), or implement ${method} (see SessionStore).`,
    );
  }
  return found.bind(store) as NonNullable<SessionStore[M]>;
}

const storeFailure = (cause: unknown) =>
  new LivepushAuthError(
    'store_unavailable',
    'The session store could not be reached; nothing was changed. Check the store and try again.',
    { cause },
  );

/** `auth.signOutUser(userId)`: every session of the user ends; `revoked` is emitted when any did. @internal */
export async function signOutUser(core: ServerCore, userId: string): Promise<number> {
  const deleteUserSessions = userIndex(core, 'signOutUser', 'deleteUserSessions', userId);
  let ended: number;
  try {
    ended = await deleteUserSessions(userId);
  } catch (cause) {
    throw storeFailure(cause);
  }
  if (ended > 0) await core.emit({ type: 'revoked', session: null, userId });
  return ended;
}

/** `auth.listSessions(userId)`: the user's live sessions, oldest first, without ids or tokens. @internal */
export async function listSessions(core: ServerCore, userId: string): Promise<LivepushSessionInfo[]> {
  const listUserSessions = userIndex(core, 'listSessions', 'listUserSessions', userId);
  let found: Awaited<ReturnType<typeof listUserSessions>>;
  try {
    found = await listUserSessions(userId);
  } catch (cause) {
    throw storeFailure(cause);
  }
  const now = core.client.now();
  return found
    .map(({ record }) => ({
      createdAt: record.createdAt,
      lastUsedAt: lastUsedOf(record),
      expiresAt: core.sessions.liveUntil(record),
      userAgent: record.userAgent ?? null,
    }))
    .filter((session) => session.expiresAt > now)
    .sort((a, b) => a.createdAt - b.createdAt);
}
