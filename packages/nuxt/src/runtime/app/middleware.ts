import { abortNavigation, createError, defineNuxtRouteMiddleware, navigateTo, useNuxtApp } from 'nuxt/app';
import { pageAccess } from './access';
import { livepushPublicConfig } from './config';

// Pages with `definePageMeta({ livepush: … })`: on the server (the first request) and on every client
// navigation, a visitor without the session or the scopes goes to sign in and comes back.
export default defineNuxtRouteMiddleware(async (to) => {
  if (!to.meta.livepush) return;
  const client = useNuxtApp().$livepush;
  const snapshot = import.meta.server ? client.getServerSnapshot() : client.getSnapshot();
  let access = pageAccess(to.meta.livepush, snapshot, to, livepushPublicConfig());
  if (access.action === 'wait') {
    // Unknown on the server (the session could not be read): the browser asks and decides.
    if (import.meta.server) return;
    access = pageAccess(to.meta.livepush, await client.refresh(), to, livepushPublicConfig());
  }
  switch (access.action) {
    case 'allow':
    case 'wait':
      return;
    case 'sign-in':
      return navigateTo(access.url, { external: true });
    case 'failed':
      // Show the failure where the app shows sign-in errors (its home page reads `?error=`), not a loop.
      if (to.path !== '/') return navigateTo({ path: '/', query: { error: access.code } });
      return abortNavigation(
        createError({ statusCode: access.status, statusMessage: `Livepush sign-in failed (${access.code})` }),
      );
  }
});
