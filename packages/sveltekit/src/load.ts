import type { RequestEvent } from '@sveltejs/kit';
import { livepushOf } from './handle';
import type { LivepushPageData } from './types';

/** The dependency {@link loadSession} declares: `invalidate(LIVEPUSH_SESSION)` re-reads the session. */
export const LIVEPUSH_SESSION = 'livepush:session';

/**
 * The session summary for pages, from `+layout.server.ts` (or any server `load`): scopes, `expiresAt` and
 * the user, or `{ authenticated: false }`. Never a token. Declares {@link LIVEPUSH_SESSION} as a dependency.
 *
 * @example
 * ```ts
 * // src/routes/+layout.server.ts
 * export const load = loadSession; // → data.session in every page
 * ```
 */
export async function loadSession(
  event: Pick<RequestEvent, 'locals'> & { depends?: (...deps: `${string}:${string}`[]) => void },
): Promise<LivepushPageData> {
  event.depends?.(LIVEPUSH_SESSION);
  const session = await livepushOf(event).getSession();
  return { session: session ?? { authenticated: false } };
}
