import { createStream, listStreams, resumedCreate } from '$lib/server/streams';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  // Signed out, or without streams.read: off to Livepush, then back here.
  await locals.livepush.requireScopes('streams.read');
  const { streams, problem } = await listStreams(locals.livepush);
  const session = await locals.livepush.getSession();
  const resumed = await resumedCreate(locals.livepush);
  return { session: session ?? { authenticated: false as const }, streams, problem, resumed };
};

export const actions = {
  create: ({ locals, request }) => createStream(locals.livepush, request),
} satisfies Actions;
