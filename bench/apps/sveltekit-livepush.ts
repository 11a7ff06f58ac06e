// The browser part of a SvelteKit app that signs in and out from JavaScript (the session itself comes
// from page data). With the form actions of @livepush/auth-sveltekit, the browser ships none of this.
import { createAuthClient } from '@livepush/auth-core/client';

const auth = createAuthClient();
document.querySelector('#sign-in')?.addEventListener('click', () => auth.signIn());
document.querySelector('#sign-out')?.addEventListener('click', () => auth.signOut());
