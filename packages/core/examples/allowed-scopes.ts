// The README's "What a sign-in may ask for, and what is kept" example, compiled by `pnpm typecheck`.
import { createLivepushAuth, describeErrorCode } from '@livepush/auth-core/server';

export const auth = createLivepushAuth({
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: 'https://app.example.com/auth/callback',
  secret: process.env.SESSION_SECRET ?? '',
  scopes: ['profile.read', 'streams.read'], // asked for at sign-in
  allowedScopes: ['profile.read', 'streams.read', 'streams.create'], // streams.create later, nothing else
  // Keep more of the profile than the documented fields (it travels in the session cookie: keep it small).
  fetchUser: async ({ api }) => {
    const user = await api.account.get();
    return { ...user, preferences: { theme: String(user.preferences.theme ?? 'light') } };
  },
});

/** A sign-in that failed comes back with `?error=<code>`: show the fixed text, never the parameter. */
export function signInError(url: URL): string | null {
  const code = url.searchParams.get('error');
  return code === null ? null : describeErrorCode(code);
}
