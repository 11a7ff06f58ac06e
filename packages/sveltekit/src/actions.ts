import { isLivepushAuthError, type LivepushScope, parseScopes } from '@livepush/auth-core';
import { type ActionFailure, fail, type RequestEvent } from '@sveltejs/kit';
import { livepushOf } from './handle';
import type { SignInOptions } from './types';

/**
 * The part of a `RequestEvent` the actions use: any route's event fits, so they drop into any `actions` object.
 */
export type ActionEvent = Pick<RequestEvent, 'request' | 'locals'>;

/** What a sign-in action answers when the form asked for an unknown scope. */
export interface SignInFailure {
  livepush: { code: 'invalid_scope'; message: string };
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
    let scopes: readonly LivepushScope[] | undefined = options.scopes;
    if (fields.length > 0) {
      try {
        scopes = parseScopes(fields.join(' '));
      } catch (error) {
        if (!isLivepushAuthError(error)) throw error;
        return fail(400, { livepush: { code: 'invalid_scope' as const, message: error.message } });
      }
    }
    const returnTo = form.get('returnTo');
    return livepushOf(event).signIn({
      ...(scopes ? { scopes } : {}),
      ...(typeof returnTo === 'string' && returnTo !== ''
        ? { returnTo }
        : options.returnTo
          ? { returnTo: options.returnTo }
          : {}),
    });
  };
}

/**
 * A form action that signs out (session cookies cleared, store record deleted) and redirects (303) to
 * `redirectTo` (default `/`). Works without JavaScript. SvelteKit's own CSRF check guards the POST.
 */
export function signOutAction(options: { redirectTo?: string } = {}): (event: ActionEvent) => Promise<never> {
  return (event) => livepushOf(event).signOut(options);
}
