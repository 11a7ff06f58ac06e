// src/routes/streams/+page.server.ts — a protected page, and a form action with incremental consent.
import { signInAction, signOutAction } from '@livepush/auth-sveltekit';
import type { Actions, ServerLoad } from '@sveltejs/kit';

export const load = (async ({ locals }) => {
  await locals.livepush.requireScopes('streams.read'); // signed out or lacking it: off to sign in, back here
  return {
    streams: await locals.livepush.api.streams.list(), // refreshed tokens are persisted for you
    resumed: await locals.livepush.resumed(), // the form the create action kept, once, just back from Livepush
  };
}) satisfies ServerLoad;

export const actions = {
  create: async ({ locals, request }) => {
    const form = await request.formData();
    // Lacking streams.create: off to Livepush for just that one, back to this page with the form kept.
    // The POST is not replayed: the page shows the kept fields, and the user presses "Create" again.
    await locals.livepush.requireScopes(['streams.create'], { resume: form });
    const name = String(form.get('name') ?? '');
    return { created: await locals.livepush.api.streams.create({ name, category: 'simulcast' }) };
  },
  signIn: signInAction(),
  signOut: signOutAction(),
} satisfies Actions;
