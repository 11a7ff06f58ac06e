import { LivepushAuthError } from '../errors';
import { redact } from '../transport';

/** What a valid callback carries. */
export interface CallbackResult {
  /** The authorization code to exchange. Single use, short-lived. */
  code: string;
}

const SINGLE = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'] as const;

/** Constant-time string comparison, so `state` checks leak nothing through timing. */
function safeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % (b.length || 1));
  return diff === 0;
}

function readable(text: string | null): string | undefined {
  if (text === null) return undefined;
  // A description is server text shown to people: the one redactor's printable, bounded text.
  const cleaned = redact(text, [], 300);
  return cleaned === '' ? undefined : cleaned;
}

/**
 * Validates the redirect back from Livepush against the `state` that was sent, and returns the code.
 * Checks `state` before anything else, so a forged `error` cannot be shown to the user; then, when
 * `expectedIssuer` is given and the callback carries `iss` (RFC 9207), that they are the same, so a
 * response from another authorization server is never taken for this one's.
 *
 * @param callback - the full callback URL (or its query as `URLSearchParams`).
 * @param expectedState - the `state` of the pending {@link AuthorizationRequest}.
 * @param expectedIssuer - the authorization server's issuer identifier (`endpoints.issuer`), if known.
 * @throws {LivepushAuthError} `invalid_callback` (repeated parameter, another issuer, missing code),
 *   `invalid_state`, `access_denied` (the user said no) or `authorization_error` (another OAuth
 *   error), carrying `oauthError` and `oauthErrorDescription`. Nothing else is ever thrown.
 */
export function validateCallback(
  callback: URL | URLSearchParams | string,
  expectedState: string,
  expectedIssuer?: string,
): CallbackResult {
  let params: URLSearchParams;
  try {
    params = callback instanceof URLSearchParams ? callback : new URL(callback).searchParams;
  } catch (cause) {
    throw new LivepushAuthError(
      'invalid_callback',
      'The callback URL could not be parsed; start sign-in again.',
      { cause },
    );
  }
  for (const name of SINGLE) {
    if (params.getAll(name).length > 1) {
      throw new LivepushAuthError(
        'invalid_callback',
        `The callback repeats the "${name}" parameter, which OAuth forbids; start sign-in again.`,
      );
    }
  }
  const state = params.get('state');
  if (
    state === null ||
    typeof expectedState !== 'string' ||
    expectedState === '' ||
    !safeEqual(state, expectedState)
  ) {
    throw new LivepushAuthError(
      'invalid_state',
      state === null
        ? 'The callback has no state parameter; start sign-in again from your app.'
        : 'The callback state does not match this browser’s sign-in; start sign-in again from your app (an old tab or a forged link).',
    );
  }
  const issuer = params.get('iss');
  if (expectedIssuer !== undefined && issuer !== null && issuer !== expectedIssuer) {
    throw new LivepushAuthError(
      'invalid_callback',
      `The callback names another issuer (iss) than endpoints.issuer: it was not answered by the server this sign-in started at. Start sign-in again; if this repeats, check endpoints.issuer.`,
    );
  }
  const error = params.get('error');
  if (error !== null) {
    const oauthError = readable(error) ?? 'unknown_error';
    const description = readable(params.get('error_description'));
    const details =
      description === undefined ? { oauthError } : { oauthError, oauthErrorDescription: description };
    if (oauthError === 'access_denied') {
      throw new LivepushAuthError(
        'access_denied',
        `Sign-in was not approved${description ? ` (${description})` : ''}. Ask the user to try again and approve the requested access.`,
        details,
      );
    }
    throw new LivepushAuthError(
      'authorization_error',
      `Livepush refused the authorization request with "${oauthError}"${description ? `: ${description}` : ''}. Check the client ID, redirect URI and scopes.`,
      details,
    );
  }
  const code = params.get('code');
  if (code === null || code === '') {
    throw new LivepushAuthError(
      'invalid_callback',
      'The callback has no authorization code; start sign-in again.',
    );
  }
  return { code };
}
