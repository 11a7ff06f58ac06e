'use server';
// The demo's Server Actions: plain form posts, so they work without JavaScript.
import { isLivepushAuthError } from '@livepush/auth-core';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { api, requireScopes, signIn, signOut } from '../lib/livepush';

export async function signInAction(form: FormData): Promise<void> {
  await signIn(form);
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}

/** Ends every session of the user, in every browser (the demo keeps sessions in a memory store). */
export async function signOutEverywhereAction(): Promise<void> {
  await signOut({ redirectTo: '/', everywhere: true });
}

/** Creates a stream; without `streams.create`, requireScopes first asks Livepush for just that one. */
export async function createStreamAction(form: FormData): Promise<void> {
  const name = String(form.get('name') ?? '').trim();
  await requireScopes('streams.create');
  const page = String(form.get('page') ?? '/') === '/streams' ? '/streams' : '/';
  if (!name) redirect(`${page}?problem=${encodeURIComponent('Give the stream a name.')}`);
  try {
    await (await api()).streams.create({ name, category: 'simulcast' });
  } catch (error) {
    const message = isLivepushAuthError(error) ? error.message : 'the server is unreachable.';
    redirect(`${page}?problem=${encodeURIComponent(`Could not create the stream: ${message}`)}`);
  }
  revalidatePath(page);
}
