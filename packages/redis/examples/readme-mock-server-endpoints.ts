// packages/mock-server/README.md, "A mock in another process": compiled by this package's `pnpm typecheck`
// (see readme-mock-server-test.ts). tooling/test-support/test/readme.test.ts finds it.
import { createLivepushAuth } from '@livepush/auth-core/server';
import { mockEndpoints } from '@livepush/mock-server/endpoints';

const { LIVEPUSH_MOCK_URL } = process.env;

export const auth = createLivepushAuth({
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: 'http://localhost:3000/auth/callback', // the mock takes any loopback URI, any port
  secret: process.env.SESSION_SECRET ?? '',
  scopes: ['profile.read', 'streams.read'],
  // In development, the mock running elsewhere; unset, Livepush itself.
  endpoints: LIVEPUSH_MOCK_URL ? mockEndpoints(LIVEPUSH_MOCK_URL) : undefined,
});
