// The README's example, compiled by `pnpm typecheck` and compared with the README by a test.
import { createLivepushAuth } from '@livepush/auth-core/server';
import { createRedisStore } from '@livepush/auth-redis';

declare const env: Record<string, string>;

/** The one line that changes: every instance of the app now shares sessions and refreshes once. */
export const store = createRedisStore({
  url: env.REDIS_URL!, // redis://… or rediss://…
  encrypt: { secret: env.SESSION_SECRET! }, // required: tokens encrypted at rest (`false`: in clear)
});

export const auth = createLivepushAuth({
  clientId: env.LIVEPUSH_CLIENT_ID!,
  clientSecret: env.LIVEPUSH_CLIENT_SECRET!,
  redirectUri: 'https://app.example.com/auth/callback',
  secret: env.SESSION_SECRET!,
  scopes: ['profile.read', 'streams.read'],
  store,
});

/** Shutting down: close the connection the store opened. */
export const shutdown = (): Promise<void> => store.close();
