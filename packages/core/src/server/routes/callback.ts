import type { LivepushUser } from '../../api/types';
import { isLivepushAuthError, LivepushAuthError } from '../../errors';
import { validateCallback } from '../../protocol/callback';
import { exchangeCode } from '../../protocol/token-request';
import type { TokenSet } from '../../protocol/token-set';
import type { ServerCore } from '../config';
import type { SignInContext } from '../options';
import { loadProfile, profileUserId } from '../profile';
import { type RequestContext, toSummary } from '../request-context';
import { redirectResponse } from '../responses';
import { withErrorParam } from '../return-to';
import { checkSessionData } from '../session-data';
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
    const { request } = context;
    const user = await profileAtSignIn(core, tokens, request);
    const userId = profileUserId(user);
    const admitted = await admit(core, { user, userId, scopes: [...tokens.scopes], request });
    if (admitted instanceof LivepushAuthError) return fail(admitted, transaction.returnTo);
    const record = createSessionRecord(tokens, user, core.client.now(), {
      userId,
      data: admitted,
      userAgent: request.headers.get('user-agent'),
    });
    const previous = await context.readSession().catch(() => null);
    if (previous?.id) await core.sessions.clear(context.requestCookies, previous).catch(() => undefined);
    let written: Awaited<ReturnType<typeof core.sessions.write>>;
    try {
      // Always a new store id at sign-in: a session id known before sign-in is worthless after it.
      written = await core.sessions.write(context.requestCookies, record);
    } catch (error) {
      // The app's data does not fit in a cookie session (no previous session to lose: a cookie
      // session is replaced only by the cookies written here): the sign-in is refused, the reason
      // (with the sizes) goes to onError.
      if (isLivepushAuthError(error, 'invalid_request'))
        return fail(refused(`onSignIn's data cannot be kept: ${error.message}`, error), transaction.returnTo);
      throw error;
    }
    const session = written.id === undefined ? { record } : { record, id: written.id };
    context.startSession(session, written.cookies);
    await core.emit({ type: 'signIn', session: toSummary(session), userId });
    return redirectResponse(transaction.returnTo, context.setCookies);
  } catch (error) {
    if (isLivepushAuthError(error)) return fail(error, transaction.returnTo);
    return fail(
      new LivepushAuthError('session_error', 'Sign-in could not be completed; try again.', { cause: error }),
      transaction.returnTo,
    );
  }
}

/** A refused sign-in: the browser reads only the code; `message` and `cause` are for onError. */
const refused = (message: string, cause?: unknown) =>
  new LivepushAuthError('sign_in_refused', message, cause === undefined ? {} : { cause });

/**
 * The app's verdict on a sign-in (`onSignIn`): the data to keep (`undefined`: none), or the
 * `sign_in_refused` error to fail with — when it returned `false`, threw (the throw is the cause, for
 * onError only), or returned something else than nothing or `{ data }` with JSON data.
 */
async function admit(
  core: ServerCore,
  signIn: SignInContext,
): Promise<Record<string, unknown> | undefined | LivepushAuthError> {
  if (!core.onSignIn) return undefined;
  let verdict: unknown;
  try {
    verdict = await core.onSignIn(signIn);
  } catch (error) {
    return refused('onSignIn threw, so the sign-in was refused (the error is the cause).', error);
  }
  if (verdict === false) return refused('onSignIn returned false: the sign-in was refused.');
  if (verdict === undefined || verdict === null) return undefined;
  if (typeof verdict !== 'object' || Array.isArray(verdict))
    return refused(
      `onSignIn must return false, nothing or { data }; it returned ${Array.isArray(verdict) ? 'an array' : `a ${typeof verdict}`}, so the sign-in was refused.`,
    );
  const { data } = verdict as { data?: unknown };
  if (data === undefined) return undefined;
  try {
    return checkSessionData(data, 'onSignIn');
  } catch (error) {
    return refused(`${(error as Error).message} The sign-in was refused.`, error);
  }
}

/** The profile at sign-in: a failure here never fails the sign-in (the user is then `null`). */
async function profileAtSignIn(
  core: ServerCore,
  tokens: TokenSet,
  request: Request,
): Promise<LivepushUser | null> {
  try {
    return await loadProfile(core, tokens, request);
  } catch (error) {
    core.log.warn('could not load the user profile at sign-in; continuing without it', {
      code: isLivepushAuthError(error) ? error.code : 'unknown',
    });
    return null;
  }
}
