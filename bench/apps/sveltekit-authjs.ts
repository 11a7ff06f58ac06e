// The browser part of a SvelteKit app that signs in and out from JavaScript with Auth.js.
import { signIn, signOut } from '@auth/sveltekit/client';

document.querySelector('#sign-in')?.addEventListener('click', () => signIn('livepush'));
document.querySelector('#sign-out')?.addEventListener('click', () => signOut());
