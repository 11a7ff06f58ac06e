// src/routes/account/+page.server.ts — your app's data in the session, the profile re-read, and signing
// out of every browser.
import { signOutAction } from '@livepush/auth-sveltekit';
import { type Actions, fail, type ServerLoad } from '@sveltejs/kit';

export const load = (async ({ locals }) => {
  const session = await locals.livepush.requireSession();
  // What onSignIn or updateSession kept (`{}` when none); with a store, the user's other sessions too.
  const sessions = session.userId && (await locals.livepush.listSessions(session.userId));
  return { data: session.data, sessions: sessions || [] };
}) satisfies ServerLoad;

export const actions = {
  plan: async ({ locals, request }) => {
    const plan = (await request.formData()).get('plan');
    if (plan !== 'free' && plan !== 'pro') return fail(400, { plan: null });
    // Visible to the browser (page data): no secrets. The cookie goes out through event.cookies.
    await locals.livepush.updateSession({ data: { plan } });
    return { plan };
  },
  profile: async ({ locals }) => ({ user: (await locals.livepush.refreshProfile()).user }),
  signOutEverywhere: signOutAction({ everywhere: true }), // needs a session store
} satisfies Actions;
