import type { LivepushUser } from './api/types';
import type { LivepushScope } from './scopes';
import type { LivepushSessionData } from './session-data';

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
      /**
       * Seconds until the server refreshes this access token ahead of its expiry (twice the leeway
       * before it; `0` when that moment has come; at most a day, a browser timer's reach). The browser
       * store refreshes the session then, and holds its `fetch()` calls meanwhile, so a page's parallel
       * requests never carry a token that is due. Relative, so the browser's clock does not matter. Set
       * by `getSession()` and the session route; absent in `onSession` events.
       */
      refreshIn?: number;
      user: LivepushUser | null;
      /**
       * The Livepush user id, when known (the profile's `id`, kept at sign-in when `profile.read` was
       * granted), else `null`. The key of `signOutUser(userId)` and `listSessions(userId)`.
       */
      userId: string | null;
      /** The app's own data (`onSignIn`, `updateSession`); `{}` when the app set none. Visible to the browser. */
      data: LivepushSessionData;
    };

/** The signed-in variant of {@link SessionPayload}. */
export type SessionSummary = Extract<SessionPayload, { authenticated: true }>;
