'use server';
// app/actions.ts — Server Actions for forms (they work without JavaScript).
import { api, requireScopes, signIn } from '@/lib/livepush';

export async function signInAction(form: FormData) {
  await signIn(form); // fields: `scope` (repeatable), `returnTo`; default: your scopes, back to this page
}

export async function createStream(form: FormData) {
  await requireScopes('streams.create'); // incremental consent: asks for just this one when missing
  await (await api()).streams.create({ name: String(form.get('name')), category: 'simulcast' });
}
