/** What the demos say when their `onSignIn` refused the sign-in (here: a disabled Livepush account). */
export const SIGN_IN_REFUSED_TEXT = 'This app did not let you in: your Livepush account is disabled.';

/** A readable sentence for the `error` code the auth routes send the user back with (server-rendered demos). */
export function describeSignInError(code: string): string {
  switch (code) {
    case 'access_denied':
      return 'You denied access on Livepush, so nothing was shared with this app.';
    case 'sign_in_refused':
      return SIGN_IN_REFUSED_TEXT;
    case 'invalid_state':
      return 'That sign-in expired or was started in another tab. Please try again.';
    default:
      return `Signing in with Livepush did not work (${code}). Please try again.`;
  }
}

/** The text for a browser store error: the demos' own words for a refused sign-in, else the store's message. */
export function describeClientError(error: { code: string; message: string }): string {
  return error.code === 'sign_in_refused' ? SIGN_IN_REFUSED_TEXT : error.message;
}

/** "Member since 2023-07-19": the line the demos show under the user's name, or `null` without the date. */
export function memberSinceText(data: { memberSince?: string } | null | undefined): string | null {
  return data?.memberSince ? `Member since ${data.memberSince.slice(0, 10)}` : null;
}
