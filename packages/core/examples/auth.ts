// The README's "Your app's session" set-up, compiled by `pnpm typecheck` so it cannot rot; the other
// snippets import this `auth` as they would your app's.
import { createLivepushAuth, createMemoryStore } from '@livepush/auth-core/server';
import { db } from './db'; // your users
import { options } from './options'; // clientId, clientSecret, redirectUri, secret, …

export const auth = createLivepushAuth({
  ...options,
  store: createMemoryStore(), // signOutUser and listSessions need a store
  session: { maxAgeSeconds: 30 * 24 * 3600, idleTimeoutSeconds: 7 * 24 * 3600 },
  onSignIn: async ({ userId }) => {
    const user = await db.findOrCreateUser(userId);
    if (user.banned) return false; // back to the app with ?error=sign_in_refused
    return { data: { appUserId: user.id, role: user.role } };
  },
});
