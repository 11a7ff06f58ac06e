// What runtime config cannot carry (objects and functions), handed to the module once, at start: the
// demos' memory store (so "Sign out everywhere" can end every session of a user) and their onSignIn
// (refuses a disabled Livepush account, keeps memberSince in the session). Auto-imported from
// @livepush/auth-nuxt.
import { demoSessionOptions } from '@livepush/demo-shared/session';

export default defineNitroPlugin(() => {
  configureLivepushServer(demoSessionOptions());
});
