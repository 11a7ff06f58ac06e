// server/api/account.post.ts — your app's data in the session, the profile re-read, sign out everywhere.
import {
  refreshLivepushProfile,
  requireLivepushSession,
  signOutLivepushUser,
  updateLivepushSession,
} from '@livepush/auth-nuxt/server';
import { defineEventHandler, readBody } from 'h3';

export default defineEventHandler(async (event) => {
  const session = await requireLivepushSession(event);
  const { action } = await readBody<{ action: 'upgrade' | 'profile' | 'everywhere' }>(event);
  if (action === 'upgrade') return updateLivepushSession(event, { data: { plan: 'pro' } }); // visible to the browser
  if (action === 'profile') return refreshLivepushProfile(event); // re-reads GET /account/this
  // Every session of this user, in every browser (each ends on its next request); needs a store.
  return { ended: session.userId ? await signOutLivepushUser(session.userId) : 0 };
});
