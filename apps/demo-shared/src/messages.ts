/** A readable sentence for the `error` code the auth routes send the user back with (server-rendered demos). */
export function describeSignInError(code: string): string {
  switch (code) {
    case 'access_denied':
      return 'You denied access on Livepush, so nothing was shared with this app.';
    case 'invalid_state':
      return 'That sign-in expired or was started in another tab. Please try again.';
    default:
      return `Signing in with Livepush did not work (${code}). Please try again.`;
  }
}
