// `data.session` in every page: scopes, expiry and the user — never a token.
import { loadSession } from '@livepush/auth-sveltekit';

export const load = loadSession;
