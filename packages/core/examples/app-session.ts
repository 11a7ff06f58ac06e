// The README's "Your app's session" examples, compiled by `pnpm typecheck` so they cannot rot.
import type { LivepushAuthOptions } from '@livepush/auth-core/server';
import { createLivepushAuth, createMemoryStore } from '@livepush/auth-core/server';

declare const options: LivepushAuthOptions;
declare const db: {
  findOrCreateUser(
    livepushId: string | null,
  ): Promise<{ id: string; role: 'admin' | 'member'; banned: boolean }>;
};
declare const request: Request;

// Once, anywhere in your app: the shape of your session data.
declare module '@livepush/auth-core' {
  interface LivepushSessionData {
    appUserId?: string;
    role?: 'admin' | 'member';
  }
}

const auth = createLivepushAuth({
  ...options,
  store: createMemoryStore(), // signOutUser and listSessions need a store
  session: { maxAgeSeconds: 30 * 24 * 3600, idleTimeoutSeconds: 7 * 24 * 3600 },
  onSignIn: async ({ userId }) => {
    const user = await db.findOrCreateUser(userId);
    if (user.banned) return false; // back to the app with ?error=sign_in_refused
    return { data: { appUserId: user.id, role: user.role } };
  },
});

export async function promote(): Promise<Response> {
  const { session, setCookies } = await auth.updateSession(request, { data: { role: 'admin' } });
  const response = Response.json({ role: session.data.role });
  for (const cookie of setCookies) response.headers.append('set-cookie', cookie);
  return response;
}

export async function passwordChanged(userId: string): Promise<void> {
  const sessions = await auth.listSessions(userId); // [{ createdAt, lastUsedAt, expiresAt, userAgent }]
  console.log(`ending ${sessions.length} sessions`);
  await auth.signOutUser(userId); // every device, on its next request
}

export async function profileChanged(): Promise<string[]> {
  const { session, setCookies } = await auth.refreshProfile(request);
  console.log(session.user?.name);
  return setCookies;
}
