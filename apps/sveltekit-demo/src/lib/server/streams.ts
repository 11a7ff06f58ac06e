import { isLivepushAuthError } from '@livepush/auth-core';
import type { LivepushContext } from '@livepush/auth-sveltekit';
import { fail } from '@sveltejs/kit';

import type { StreamItem } from '$lib/types';

/** The user's streams, newest last, or a readable problem. */
export async function listStreams(
  livepush: LivepushContext,
): Promise<{ streams: StreamItem[] | null; problem: string | null }> {
  try {
    const streams = await livepush.api.streams.list();
    return {
      streams: streams.map((s) => ({ id: s.id, name: s.metadata.name, category: s.metadata.category ?? '' })),
      problem: null,
    };
  } catch (error) {
    return { streams: null, problem: `Could not load your streams: ${messageOf(error)}` };
  }
}

/**
 * The create-stream form action. Without `streams.create`, `requireScopes` sends the user to Livepush to
 * grant just that (incremental consent) and back to this page, keeping the form: the page's load gets it
 * back (`resumed()`) and shows it filled in, for the user to press "Create stream" again.
 */
export async function createStream(livepush: LivepushContext, request: Request) {
  const form = await request.formData();
  const name = String(form.get('name') ?? '').trim();
  await livepush.requireScopes(['streams.create'], { resume: form });
  if (!name) return fail(400, { name, error: 'Give the stream a name.' });
  try {
    const created = await livepush.api.streams.create({ name, category: 'simulcast' });
    return { created: created.metadata.name };
  } catch (error) {
    return fail(502, { name, error: `Could not create the stream: ${messageOf(error)}` });
  }
}

function messageOf(error: unknown): string {
  if (isLivepushAuthError(error)) return error.message;
  return 'the server is unreachable.';
}

/** The stream name a create form kept while Livepush asked for `streams.create`, if the user just came back. */
export async function resumedCreate(livepush: LivepushContext): Promise<{ name: string } | null> {
  const resumed = await livepush.resumed();
  return resumed?.action === 'create' ? { name: resumed.fields.name ?? '' } : null;
}
