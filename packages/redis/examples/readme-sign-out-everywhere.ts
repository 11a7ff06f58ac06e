// packages/redis/README.md, "Sign out everywhere": compiled by `pnpm typecheck`
// (tooling/test-support/test/readme.test.ts finds it here).
import { createLivepushAuth, type LivepushAuthOptions } from '@livepush/auth-core/server';
import { createRedisStore } from '@livepush/auth-redis';

declare const options: LivepushAuthOptions;

const store = createRedisStore({
  url: process.env.REDIS_URL!,
  encrypt: { secret: process.env.SESSION_SECRET! },
});
export const auth = createLivepushAuth({ ...options, store });

/** A ban, a password change on your side: every session of the user ends, on every instance. */
export async function signOutEverywhere(userId: string): Promise<number> {
  return auth.signOutUser(userId); // how many sessions ended; each is signed out at its next request
}

/** "Where you're signed in": when each session started, was last used, and from which browser. */
export async function mySessions(request: Request) {
  const session = await auth.getSession(request);
  if (session?.userId == null) return [];
  return auth.listSessions(session.userId); // [{ createdAt, lastUsedAt, expiresAt, userAgent }]
}
