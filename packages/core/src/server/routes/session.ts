import { isLivepushAuthError } from '../../errors';
import type { SessionPayload } from '../../session-payload';
import type { ServerCore } from '../config';
import { type RequestState, toSummary } from '../request-context';
import { jsonResponse } from '../responses';

/**
 * `GET {basePath}/session`: always 200 JSON, never a token. Refreshes a due access token first, so
 * `expiresAt` is current; a transient refresh failure still answers with the (kept) session.
 */
export async function session(core: ServerCore, state: RequestState): Promise<Response> {
  let payload: SessionPayload = { authenticated: false };
  try {
    payload = toSummary(await state.fresh());
  } catch (error) {
    if (!isLivepushAuthError(error) || error.code === 'unauthenticated') {
      payload = { authenticated: false };
    } else if (error.code === 'store_unavailable') {
      core.report(error, 'session');
      return jsonResponse({ code: error.code, message: error.message }, 503);
    } else {
      core.report(error, 'session');
      const kept = await state.load().catch(() => null);
      payload = kept ? toSummary(kept) : { authenticated: false };
    }
  }
  return jsonResponse(payload, 200, state.setCookies);
}
