'use server';
// app/account/actions.ts — your app's data in the session, the profile re-read, and signing out of every
// browser (Server Actions: plain form posts).
import { refreshProfile, signOut, signOutUser, updateSession } from '@/lib/livepush';

export async function choosePlan(form: FormData): Promise<void> {
  const plan = form.get('plan') === 'pro' ? 'pro' : 'free';
  // Visible to the browser (auth(), useLivepushAuth().data): no secrets. The cookie is written here.
  await updateSession({ data: { plan } });
}

export async function refreshMyProfile(): Promise<void> {
  await refreshProfile(); // re-reads GET /account/this into the session
}

export async function signOutEverywhere(): Promise<void> {
  await signOut({ everywhere: true, redirectTo: '/' }); // needs a session store
}

/** An admin page's action (check first that the caller may do it): every session of another user ends. */
export async function endSessionsOf(form: FormData): Promise<void> {
  await signOutUser(String(form.get('userId'))); // each ends on its next request; needs a session store
}
