// `data.session` in every page: scopes, expiry and the user — never a token. `data.signOutEverywhere`:
// whether the demo offers "Sign out everywhere" (only with its session store: a cookie cannot be revoked).
import { loadSession } from '@livepush/auth-sveltekit';
import { demoSessionMode } from '@livepush/demo-shared/session';
import { env } from '$env/dynamic/private';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => ({
  ...(await loadSession(event)),
  signOutEverywhere: demoSessionMode(env) === 'store',
});
