// src/routes/+layout.svelte, in <script lang="ts"> (shown as TypeScript so CI compiles it).
import type { LivepushPageData } from '@livepush/auth-sveltekit';
import { livepushSession } from '@livepush/auth-sveltekit/client';

declare const data: LivepushPageData;

// Every open tab follows the others: a sign-out elsewhere at once, a sign-in elsewhere on focus.
const session = livepushSession(() => data.session);

// The sign-out form's onsubmit (its action is signOutAction(): without JavaScript the form still works).
export async function signOut(event: SubmitEvent) {
  event.preventDefault();
  await session.signOut({ redirectTo: '/' }); // other tabs hear of it at once
}
