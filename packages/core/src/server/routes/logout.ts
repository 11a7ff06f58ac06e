import type { ServerCore } from '../config';
import type { RequestContext } from '../request-context';
import { emptyResponse, redirectResponse } from '../responses';

/** True when the caller is script (`fetch`) rather than a form post: it gets 204 instead of a redirect. */
function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return accept.includes('application/json') || request.headers.get('sec-fetch-mode') === 'cors';
}

/**
 * `POST {basePath}/logout`: the context's `signOut()` (every session cookie, the store record and
 * pending sign-ins cleared). The route table lets only same-origin POSTs in, so another site cannot
 * sign your users out. 204 for `fetch` callers, 303 to `afterLogoutPath` for forms.
 */
export async function logout(core: ServerCore, context: RequestContext): Promise<Response> {
  await context.signOut();
  return wantsJson(context.request)
    ? emptyResponse(204, context.setCookies)
    : redirectResponse(core.afterLogoutPath, context.setCookies, 303);
}
