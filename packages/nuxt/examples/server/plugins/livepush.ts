// server/plugins/livepush.ts — what runtime config cannot carry: a session store and onSignIn.
import { createMemoryStore } from '@livepush/auth-core/server';
import { configureLivepushServer } from '@livepush/auth-nuxt/server';
import { defineNitroPlugin } from 'nitropack/runtime';

export default defineNitroPlugin(() => {
  configureLivepushServer({
    store: createMemoryStore(), // one process; several instances share createRedisStore() instead
    // Refuse some accounts (the browser comes back with ?error=sign_in_refused), keep your own data.
    onSignIn: ({ user }) => (user?.isDisabled ? false : { data: { plan: 'free' } }),
  });
});
