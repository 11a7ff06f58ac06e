// One call sets up everything; the options are read at the first request (see demoOptions).
import { createLivepushNext } from '@livepush/auth-next';
import { demoOptions } from './demo-options';

export const { handlers, auth, proxy, requireScopes, signIn, signOut, getAccessToken, api } =
  createLivepushNext(() => demoOptions());
