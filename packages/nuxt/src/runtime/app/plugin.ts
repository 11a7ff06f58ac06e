import type { AuthClient, SessionPayload } from '@livepush/auth-core/client';
import { createLivepush } from '@livepush/auth-vue';
import { defineNuxtPlugin, useRequestEvent, useRequestURL, useState } from 'nuxt/app';
import { livepushPublicConfig } from './config';

/** The session summary (never a token) as the server read it, or `null` when it could not. */
async function serverSession(): Promise<SessionPayload | null> {
  const context = useRequestEvent()?.context.livepush;
  if (!context) return null;
  try {
    // A due token is refreshed now; the new cookie goes out with this page (h3 setCookie).
    return (await context.getSession({ refresh: true })) ?? { authenticated: false };
  } catch {
    return null; // e.g. the session store is down: the browser asks and shows the error
  }
}

/**
 * Installs `@livepush/auth-vue` in the Nuxt app. The server reads the session and puts it in `useState`,
 * which Nuxt carries to the browser in the payload: the store starts settled there (no loading flash),
 * with the error of a failed sign-in already in it, and then follows other tabs and window focus. `useNuxtApp().$livepush` is the store.
 */
export default defineNuxtPlugin({
  name: 'livepush',
  async setup(nuxtApp): Promise<{ provide: { livepush: AuthClient } }> {
    const session = useState<SessionPayload | null>('livepush:session', () => null);
    if (import.meta.server) session.value = await serverSession();
    const plugin = createLivepush({
      basePath: livepushPublicConfig().basePath,
      ...(session.value ? { initialSession: session.value } : {}),
      // Back from a failed sign-in (`?error=`): rendered on the server, so hydration matches.
      initialError: useRequestURL().searchParams.get('error'),
    });
    nuxtApp.vueApp.use(plugin);
    return { provide: { livepush: plugin.client } };
  },
});
