import { bindApi } from '../api/client';
import { documentedProfile } from '../api/profile';
import type { LivepushUser } from '../api/types';
import { LivepushAuthError } from '../errors';
import type { TokenSet } from '../protocol/token-set';
import type { ServerCore } from './config';

/**
 * The profile to keep in the session: by default the documented fields of `GET /account/this` when
 * `profile.read` was granted (else `null`); with a `fetchUser` function, whatever it returns; with
 * `fetchUser: false`, `null`. Used at sign-in (where a failure means no profile) and by
 * `refreshProfile` (where it fails the call and the old profile stays).
 * @throws {LivepushAuthError} what the API call failed with; `invalid_response` when `fetchUser`
 *   returned something that is not an object or `null`.
 * @internal
 */
export async function loadProfile(
  core: ServerCore,
  tokens: TokenSet,
  request: Request,
): Promise<LivepushUser | null> {
  if (core.fetchUser === false) return null;
  if (core.fetchUser === true && !tokens.scopes.includes('profile.read')) return null;
  const api = bindApi(core.api, {
    credentials: async () => ({ accessToken: tokens.accessToken, scopes: tokens.scopes }),
  });
  if (core.fetchUser === true) return documentedProfile(await api.account.get());
  const user = await core.fetchUser({ api, scopes: [...tokens.scopes], request });
  if (user === null || (typeof user === 'object' && !Array.isArray(user))) return user;
  throw new LivepushAuthError(
    'invalid_response',
    'fetchUser returned something that is not an object or null; return the profile object (or null).',
  );
}

/** The Livepush user id a profile names, or `null`. @internal */
export function profileUserId(user: LivepushUser | null): string | null {
  const id = user?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}
