import { LivepushAuthError } from '../../errors';
import type { ServerCore } from '../config';
import { postedFlags } from '../posted-flags';
import type { RequestContext } from '../request-context';
import { emptyResponse, redirectResponse } from '../responses';
import { userIdOf } from '../session-record';
import { signOutUser } from '../user-sessions';

/** True when the caller is script (`fetch`) rather than a form post: it gets 204 instead of a redirect. */
function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return accept.includes('application/json') || request.headers.get('sec-fetch-mode') === 'cors';
}

/**
 * `POST {basePath}/logout`: the context's `signOut()` (every session cookie, the store record and
 * pending sign-ins cleared). The route table lets only same-origin POSTs in, so another site cannot
 * sign your users out. 204 for `fetch` callers, 303 to `afterLogoutPath` for forms.
 *
 * With `{"everywhere":true}` (or a form's `everywhere=true`) every session of the user ends first
 * (`signOutUser`); when that cannot be done (cookie mode: `invalid_config`; a session without a
 * Livepush user id: `invalid_request`) nothing is changed and the error is the answer.
 */
export async function logout(core: ServerCore, context: RequestContext): Promise<Response> {
  const { everywhere } = await postedFlags(context.request, ['everywhere']);
  if (everywhere) await signOutEverywhere(core, context);
  await context.signOut();
  return wantsJson(context.request)
    ? emptyResponse(204, context.setCookies)
    : redirectResponse(core.afterLogoutPath, context.setCookies, 303);
}

async function signOutEverywhere(core: ServerCore, context: RequestContext): Promise<void> {
  const session = await context.readSession();
  if (!session) return;
  const userId = userIdOf(session.record);
  if (userId === null) {
    throw new LivepushAuthError(
      'invalid_request',
      'Signing out everywhere needs the Livepush user id, which this session lacks (signed in without profile.read, or fetchUser returned no id); nothing was changed.',
    );
  }
  await signOutUser(core, userId);
}
