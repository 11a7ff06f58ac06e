import { isLivepushAuthError } from '../../errors';
import type { ServerCore } from '../config';
import { errorResponse } from '../error-response';
import { postedFlags } from '../posted-flags';
import type { RequestContext } from '../request-context';
import { jsonResponse } from '../responses';

/**
 * `GET {basePath}/session`: 200 JSON, never a token. Refreshes a due access token first, so
 * `expiresAt` is current; a transient refresh failure still answers with the (kept) session. Only an
 * unreachable session store answers 503 (`store_unavailable`): the session is unknown, not gone.
 *
 * `POST {basePath}/session` with `{"profile":true}` (the browser store's `refresh({ profile: true })`;
 * same-origin only, like logout) re-reads the profile into the session first; a failure to reach
 * Livepush answers its error and keeps the session and its old profile.
 */
export async function session(core: ServerCore, context: RequestContext): Promise<Response> {
  try {
    const { profile } = await postedFlags(context.request, ['profile']);
    const summary =
      profile && (await context.readSession())
        ? await context.refreshProfile()
        : await context.getSession({ refresh: true });
    return jsonResponse(summary ?? { authenticated: false }, 200, context.setCookies);
  } catch (error) {
    if (!isLivepushAuthError(error)) throw error;
    core.report(error, 'session');
    return errorResponse(error, context.setCookies);
  }
}
