// src/routes/streams/+page.server.ts — a protected page, and a form action with incremental consent.
import { signInAction, signOutAction } from '@livepush/auth-sveltekit';
import type { Actions, ServerLoad } from '@sveltejs/kit';

export const load = (async ({ locals }) => {
  await locals.livepush.requireScopes('streams.read'); // signed out or lacking it: off to sign in, back here
  return { streams: await locals.livepush.api.streams.list() }; // refreshed tokens are persisted for you
}) satisfies ServerLoad;

export const actions = {
  create: async ({ locals, request }) => {
    await locals.livepush.requireScopes('streams.create'); // asks for just this one when missing
    const name = String((await request.formData()).get('name') ?? '');
    return { created: await locals.livepush.api.streams.create({ name, category: 'simulcast' }) };
  },
  signIn: signInAction(),
  signOut: signOutAction(),
} satisfies Actions;
