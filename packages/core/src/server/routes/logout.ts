import { LivepushAuthError } from '../../errors';
import type { ServerCore } from '../config';
import { isAllowedOrigin } from '../origin';
import type { RequestState } from '../request-context';
import { emptyResponse, jsonResponse, redirectResponse } from '../responses';
import { pendingTransactions } from './transaction';

/** True when the caller is script (`fetch`) rather than a form post: it gets 204 instead of a redirect. */
function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return accept.includes('application/json') || request.headers.get('sec-fetch-mode') === 'cors';
}

/**
 * `POST {basePath}/logout`: clears every session cookie (and the store record). Same-origin only,
 * so another site cannot sign your users out. 204 for `fetch` callers, 303 to `afterLogoutPath` for forms.
 */
export async function logout(core: ServerCore, state: RequestState): Promise<Response> {
  const { request } = state;
  if (request.method !== 'POST') {
    const response = jsonResponse({ code: 'invalid_request', message: 'Sign out with POST.' }, 405);
    response.headers.set('allow', 'POST');
    return response;
  }
  if (!isAllowedOrigin(request, state.url.origin, core.trustedOrigins)) {
    const error = new LivepushAuthError(
      'invalid_request',
      'Sign-out must come from this site (cross-origin request refused).',
    );
    core.report(error, 'logout');
    return jsonResponse({ code: error.code, message: error.message }, 403);
  }
  const hadSession = (await state.load()) !== null;
  await state.clear();
  // Pending sign-ins end too: a transaction started before sign-out must not complete after it.
  state.addCookies(pendingTransactions(core, state.cookies));
  if (hadSession) await core.emit({ type: 'signOut', session: null });
  return wantsJson(request)
    ? emptyResponse(204, state.setCookies)
    : redirectResponse(core.afterLogoutPath, state.setCookies, 303);
}
