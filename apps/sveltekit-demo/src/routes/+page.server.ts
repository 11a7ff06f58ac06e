import { hasScopes } from '@livepush/auth-core';
import { signInAction, signOutAction } from '@livepush/auth-sveltekit';
import { createStream, listStreams, resumedCreate } from '$lib/server/streams';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const signedIn = await locals.livepush.getSession();
  const { streams, problem } =
    signedIn && hasScopes(signedIn.scopes, ['streams.read'])
      ? await listStreams(locals.livepush)
      : { streams: null, problem: null };
  // Read after the API call: a refresh it needed shows here (the new expiry) and is already on its way
  // to the browser in this response's cookies.
  const session = await locals.livepush.getSession();
  const resumed = await resumedCreate(locals.livepush);
  return { session: session ?? { authenticated: false as const }, streams, problem, resumed };
};

export const actions = {
  signIn: signInAction(),
  signOut: signOutAction({ redirectTo: '/' }),
  // Every session of the user, in every browser (the demo keeps sessions in a memory store).
  signOutEverywhere: signOutAction({ redirectTo: '/', everywhere: true }),
  create: ({ locals, request }) => createStream(locals.livepush, request),
} satisfies Actions;
