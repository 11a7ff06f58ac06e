import { isLivepushAuthError, parseScopes } from '@livepush/auth-core';
import { describeErrorCode } from '@livepush/auth-core/server';
import { type ActionFailure, fail, type RequestEvent, redirect } from '@sveltejs/kit';
import { livepushOf } from './handle';
import type { LivepushSignOutOptions, SignInOptions } from './types';

/**
 * The part of a `RequestEvent` the actions use: any route's event fits, so they drop into any `actions` object.
 */
export type ActionEvent = Pick<RequestEvent, 'request' | 'locals'>;

/**
 * What a sign-in action answers when the form asked for an unknown (or not allowed) scope or an
 * unsafe `returnTo`: the code, and a fixed text for it (never the form's own values).
 */
export interface SignInFailure {
  livepush: { code: 'invalid_scope' | 'invalid_request'; message: string };
}

/**
 * A form action that starts sign-in: a `redirect(303)` to `{basePath}/login`. Works without JavaScript.
 * The form may send `scope` (repeated or space-separated) and `returnTo` fields; otherwise `options`
 * (and then your default scopes and the current page) apply.
 *
 * @example
 * ```ts
 * // src/routes/+page.server.ts
 * export const actions = { signIn: signInAction(), signOut: signOutAction() };
 * ```
 * ```svelte
 * <form method="POST" action="?/signIn"><button>Sign in with Livepush</button></form>
 * ```
 */
export function signInAction(
  options: SignInOptions = {},
): (event: ActionEvent) => Promise<ActionFailure<SignInFailure>> {
  return async (event) => {
    const form = await event.request.formData().catch(() => new FormData());
    const fields = form.getAll('scope').filter((value): value is string => typeof value === 'string');
    const field = form.get('returnTo');
    const returnTo = typeof field === 'string' && field !== '' ? field : options.returnTo;
    let url: string;
    try {
      // The core validates both: an unknown scope, or a returnTo that leaves this site, is refused.
      const scopes = fields.length > 0 ? parseScopes(fields.join(' ')) : options.scopes;
      url = livepushOf(event).signInUrl({ scopes, returnTo });
    } catch (error) {
      if (!isLivepushAuthError(error) || (error.code !== 'invalid_scope' && error.code !== 'invalid_request'))
        throw error;
      return fail(400, { livepush: { code: error.code, message: describeErrorCode(error.code) } });
    }
    redirect(303, url);
  };
}

/**
 * A form action that signs out (session cookies cleared, store record deleted) and redirects (303) to
 * `redirectTo` (default `/`). Works without JavaScript. SvelteKit's own CSRF check guards the POST.
 * `signOutAction({ everywhere: true })` ends every session of the user, in every browser (needs a
 * session store).
 *
 * @example
 * ```ts
 * export const actions = { signOut: signOutAction(), signOutEverywhere: signOutAction({ everywhere: true }) };
 * ```
 */
export function signOutAction(options: LivepushSignOutOptions = {}): (event: ActionEvent) => Promise<never> {
  return (event) => livepushOf(event).signOut(options);
}
