// server/plugins/livepush.ts — what runtime config cannot carry: a session store and onSignIn.
import { createMemoryStore } from '@livepush/auth-core/server';
// Both are auto-imported in server/; spelled out, they come from Nitro's #imports.
import { configureLivepushServer, defineNitroPlugin } from '#imports';

export default defineNitroPlugin(() => {
  configureLivepushServer({
    store: createMemoryStore(), // one process; several instances share createRedisStore() instead
    // Refuse some accounts (the browser comes back with ?error=sign_in_refused), keep your own data.
    onSignIn: ({ user }) => (user?.isDisabled ? false : { data: { plan: 'free' } }),
  });
});
