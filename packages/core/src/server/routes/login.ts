import { isLivepushAuthError, LivepushAuthError } from '../../errors';
import { createAuthorizationRequest } from '../../protocol/authorize';
import { parseScopes, unionScopes } from '../../scopes';
import type { ServerCore } from '../config';
import { errorResponse } from '../error-response';
import type { RequestContext } from '../request-context';
import { redirectResponse } from '../responses';
import { safeReturnTo } from '../return-to';
import { startTransaction } from './transaction';

/**
 * `GET {basePath}/login?scope=…&returnTo=…`: redirects to Livepush with state and PKCE. Scopes
 * outside `allowedScopes` are refused (400 `invalid_scope`) before anything is sent. With a session,
 * asks for the union of granted and requested scopes (incremental consent); the current session
 * stays until the new one arrives.
 */
export async function login(core: ServerCore, context: RequestContext): Promise<Response> {
  const { searchParams } = context.url;
  let requested: ReturnType<typeof parseScopes>;
  try {
    const scopeParams = searchParams.getAll('scope');
    requested = scopeParams.length === 0 ? [...core.client.scopes] : parseScopes(scopeParams.join(' '));
    // Anyone can link here: only the scopes the app allows may be asked for, whoever asks.
    const refused = requested.filter((scope) => !core.allowedScopes.has(scope));
    if (refused.length > 0) {
      throw new LivepushAuthError(
        'invalid_scope',
        `Sign-in may not ask for ${refused.join(', ')}: it is not in allowedScopes. Add it there to ask for it (incremental consent).`,
      );
    }
  } catch (error) {
    if (!isLivepushAuthError(error)) throw error;
    core.report(error, 'login');
    return errorResponse(error);
  }
  const returnTo = safeReturnTo(searchParams.get('returnTo'), context.url.origin);
  let session: Awaited<ReturnType<typeof context.readSession>> = null;
  try {
    session = await context.readSession();
  } catch {
    // An unreachable store must not block signing in.
  }
  const granted = session?.record.tokens.scopes ?? [];
  const scopes = unionScopes(granted, requested.length > 0 ? requested : core.client.scopes);
  const authorization = await createAuthorizationRequest(core.client, { scopes });
  const transaction = {
    state: authorization.state,
    scopes: authorization.scopes,
    returnTo,
    ...(authorization.codeVerifier === undefined ? {} : { codeVerifier: authorization.codeVerifier }),
  };
  const sessionCost = await core.sessions.cost(context.requestCookies, session);
  context.addCookies(await startTransaction(core, transaction, context.requestCookies, sessionCost));
  core.log.debug('login: redirecting to authorize', { scopes: scopes.join(' ') });
  return redirectResponse(authorization.url.toString(), context.setCookies);
}
