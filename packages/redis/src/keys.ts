import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { SessionRecord } from '@livepush/auth-core/server';

/**
 * Where a store keeps what, and in which hash slot. Session ids the store creates carry a hash tag:
 * `{u.<user tag>}<random>` when the record names its user, `{s.<random>}<random>` otherwise. Every
 * key of a session (record, refresh lock) contains its id, so they share the tag's slot, and a user's
 * sessions all share the slot of the user's tag — as does the per-user index key, so one script can
 * write a session and index it, in a cluster too. Ids without a tag (created by older versions, or by
 * the core when the store has no `newId`) keep working; their keys are just not colocated.
 */
export interface KeyLayout {
  /** The record of session `id`: `<prefix>session:<id>`. */
  session(id: string): string;
  /** The refresh lock of session `id`: `<prefix>lock:<id>`. */
  lock(id: string): string;
  /** The per-user index of the sessions tagged `tag` (a {@link userTags} entry): `<prefix>user:{<tag>}`. */
  userIndex(tag: string): string;
  /** The hash tag inside `id` (`u.…` or `s.…`), or `undefined` for an untagged id. */
  tagOf(id: string): string | undefined;
  /**
   * The per-user index that lists session `id`: its user's {@link userIndex} when the id carries a
   * user tag, `undefined` otherwise (a session without a user, or an untagged id: not indexed).
   */
  indexOf(id: string): string | undefined;
  /**
   * The tags of `userId`'s sessions, current secret first: one per encryption secret, since a tag is
   * keyed by the secret that was first when the session was created.
   */
  userTags(userId: string): string[];
  /**
   * A new session id for `record`: 256 random bits behind a hash tag — the tag of its user
   * (`record.userId`, else `record.user.id`), or a random one.
   */
  newId(record: SessionRecord): string;
}

/** Random characters of every new id: 256 bits, as many as the core's own ids. */
const ID_BYTES = 32;
/** Length of a user tag: 22 base64url characters of an HMAC-SHA-256 (132 bits), collision-free in practice. */
const USER_TAG_LENGTH = 22;
/** Key of user tags when records are not encrypted (there is no secret to key them with). */
const UNKEYED = 'livepush-auth-redis user tag';

const TAGGED_ID = /^\{([us]\.[A-Za-z0-9_-]+)\}/;

/** The Livepush user a record belongs to (`userId`, else the profile's `id`), if it names one. */
export function recordUserId(record: SessionRecord): string | undefined {
  const userId = record.userId ?? record.user?.id;
  return typeof userId === 'string' && userId !== '' ? userId : undefined;
}

/** The id's hash tag, or `undefined`. */
export const tagOf = (id: string): string | undefined => TAGGED_ID.exec(id)?.[1];

/**
 * The key layout for `prefix`. User tags are an HMAC of the user id under a key derived (HKDF-SHA-256,
 * its own domain) from each encryption secret, so Redis holds neither user ids nor a hash anyone could
 * compute from one.
 */
export function createKeyLayout(prefix: string, secrets: readonly string[] | undefined): KeyLayout {
  const tagKeys = (secrets ?? [UNKEYED]).map((secret) =>
    Buffer.from(hkdfSync('sha256', secret, '', 'livepush-auth-redis user tag v1', 32)),
  );
  const userTag = (key: Buffer, userId: string) =>
    `u.${createHmac('sha256', key).update(userId).digest('base64url').slice(0, USER_TAG_LENGTH)}`;
  const userIndex = (tag: string) => `${prefix}user:{${tag}}`;
  return {
    session: (id) => `${prefix}session:${id}`,
    lock: (id) => `${prefix}lock:${id}`,
    userIndex,
    tagOf,
    indexOf(id) {
      const tag = tagOf(id);
      return tag?.startsWith('u.') ? userIndex(tag) : undefined;
    },
    userTags: (userId) => [...new Set(tagKeys.map((key) => userTag(key, userId)))],
    newId(record) {
      const userId = recordUserId(record);
      const tag =
        userId !== undefined ? userTag(tagKeys[0]!, userId) : `s.${randomBytes(6).toString('base64url')}`;
      return `{${tag}}${randomBytes(ID_BYTES).toString('base64url')}`;
    },
  };
}
