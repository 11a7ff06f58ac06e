import { bindApi } from '../../api/client';
import { documentedProfile } from '../../api/profile';
import type { LivepushUser } from '../../api/types';
import { isLivepushAuthError, LivepushAuthError } from '../../errors';
import { validateCallback } from '../../protocol/callback';
import { exchangeCode } from '../../protocol/token-request';
import type { TokenSet } from '../../protocol/token-set';
import type { ServerCore } from '../config';
import { type RequestContext, toSummary } from '../request-context';
import { redirectResponse } from '../responses';
import { withErrorParam } from '../return-to';
import { createSessionRecord } from '../session-record';
import { takeTransaction } from './transaction';

/**
 * `GET {basePath}/callback`: validates the redirect against its transaction, exchanges the code,
 * stores the session and sends the user back. Every failure becomes a redirect with `?error=<code>`;
 * the previous session (if any) is kept when the sign-in fails.
 */
export async function callback(core: ServerCore, context: RequestContext): Promise<Response> {
  const { searchParams, origin } = context.url;
  const stateParams = searchParams.getAll('state');
  const { transaction, clear } = await takeTransaction(
    core,
    context.requestCookies,
    stateParams.length === 1 ? stateParams[0]! : null,
  );
  context.addCookies(clear);
  const fail = (error: LivepushAuthError, returnTo = '/') => {
    core.report(error, 'callback');
    // A user saying no is routine; anything else deserves a warning.
    const log = error.code === 'access_denied' ? core.log.debug : core.log.warn;
    log('sign-in failed', { code: error.code, oauthError: error.oauthError });
    return redirectResponse(withErrorParam(returnTo, origin, error.code), context.setCookies);
  };
  if (!transaction) {
    return fail(
      new LivepushAuthError(
        'invalid_state',
        'No sign-in is pending in this browser (expired, already used, or started elsewhere); start again.',
      ),
    );
  }
  try {
    const { code } = validateCallback(searchParams, transaction.state, core.client.endpoints.issuer);
    const tokens = await exchangeCode(core.client, {
      code,
      codeVerifier: transaction.codeVerifier,
      requestedScopes: transaction.scopes,
    });
    const user = await fetchUser(core, tokens, context.request);
    const record = createSessionRecord(tokens, user, core.client.now());
    const previous = await context.readSession().catch(() => null);
    if (previous?.id) await core.sessions.clear(context.requestCookies, previous).catch(() => undefined);
    // Always a new store id at sign-in: a session id known before sign-in is worthless after it.
    const written = await core.sessions.write(context.requestCookies, record);
    const session = written.id === undefined ? { record } : { record, id: written.id };
    context.startSession(session, written.cookies);
    await core.emit({ type: 'signIn', session: toSummary(session) });
    return redirectResponse(transaction.returnTo, context.setCookies);
  } catch (error) {
    if (isLivepushAuthError(error)) return fail(error, transaction.returnTo);
    return fail(
      new LivepushAuthError('session_error', 'Sign-in could not be completed; try again.', { cause: error }),
      transaction.returnTo,
    );
  }
}

/**
 * The profile to keep in the session: by default the documented fields of `GET /account/this` when
 * `profile.read` was granted; with a `fetchUser` function, whatever it returns. A failure here never
 * fails the sign-in (the user is then `null`).
 */
async function fetchUser(core: ServerCore, tokens: TokenSet, request: Request): Promise<LivepushUser | null> {
  if (core.fetchUser === false) return null;
  if (core.fetchUser === true && !tokens.scopes.includes('profile.read')) return null;
  const api = bindApi(core.api, {
    credentials: async () => ({ accessToken: tokens.accessToken, scopes: tokens.scopes }),
  });
  try {
    if (core.fetchUser === true) return documentedProfile(await api.account.get());
    const user = await core.fetchUser({ api, scopes: [...tokens.scopes], request });
    if (user === null || (typeof user === 'object' && !Array.isArray(user))) return user;
    core.log.warn('fetchUser returned something that is not an object or null; continuing without a user');
    return null;
  } catch (error) {
    core.log.warn('could not load the user profile at sign-in; continuing without it', {
      code: isLivepushAuthError(error) ? error.code : 'unknown',
    });
    return null;
  }
}
