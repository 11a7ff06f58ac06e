import type { LivepushUser } from './types';

/** The profile fields Livepush documents for `GET /account/this` (see `shared/livepush-api.md`). */
const STRING_FIELDS = ['id', 'username', 'name', 'email', 'avatar', 'ns', 'createdAt'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The documented fields of a `GET /account/this` body, and nothing else: `id`, `username`, `name`,
 * `email`, `avatar`, `ns`, `isDisabled`, `createdAt`, `preferences` and `billingInfo` (its `email`
 * and `name` only), each kept only when it has the documented type. This is what the default
 * `fetchUser` seals into the session and what `{basePath}/session` shows the browser: a field
 * Livepush adds later (an internal flag, a payment detail) stays out until an app opts in with its
 * own `fetchUser`.
 * @internal
 */
export function documentedProfile(body: unknown): LivepushUser | null {
  if (!isPlainObject(body)) return null;
  const profile: Record<string, unknown> = {};
  for (const field of STRING_FIELDS) if (typeof body[field] === 'string') profile[field] = body[field];
  if (typeof body.isDisabled === 'boolean') profile.isDisabled = body.isDisabled;
  if (isPlainObject(body.preferences)) profile.preferences = body.preferences;
  if (isPlainObject(body.billingInfo)) {
    const billing: Record<string, unknown> = {};
    for (const field of ['email', 'name'] as const)
      if (typeof body.billingInfo[field] === 'string') billing[field] = body.billingInfo[field];
    profile.billingInfo = billing;
  }
  return profile as unknown as LivepushUser;
}
