// The README's protocol example, compiled by `pnpm typecheck` so it cannot rot.
import {
  createAuthorizationRequest,
  createOAuthClient,
  exchangeCode,
  validateCallback,
} from '@livepush/auth-core/protocol';

const client = createOAuthClient({
  clientId: process.env.CLIENT_ID ?? '',
  clientSecret: process.env.CLIENT_SECRET ?? '',
  redirectUri: 'https://app.example.com/callback',
  // A standard OAuth 2.0 server instead of Livepush: POST form, HTTP Basic, RFC 9207 issuer.
  tokenRequestMethod: 'POST',
  tokenEndpointAuthMethod: 'client_secret_basic',
  endpoints: {
    authorize: 'https://id.example.com/authorize',
    token: 'https://id.example.com/token',
    issuer: 'https://id.example.com',
  },
});

// 1. Send the user to `url`; keep `state`, `codeVerifier` and `scopes` server-side (e.g. sealed).
export const start = () => createAuthorizationRequest(client, { scopes: ['profile.read'] });

// 2. On the callback: check it against what you kept, then exchange the code.
export async function finish(callbackUrl: string, pending: Awaited<ReturnType<typeof start>>) {
  const { code } = validateCallback(callbackUrl, pending.state, client.endpoints.issuer);
  return exchangeCode(client, { code, codeVerifier: pending.codeVerifier, requestedScopes: pending.scopes });
}
