// packages/mock-server/README.md, "Use it in a test": compiled by this package's `pnpm typecheck`, which has
// the core, the mock and Node's types (the mock has no dependency on the SDK). tooling/test-support/test/readme.test.ts finds it.
import { createLivepushAuth } from '@livepush/auth-core/server';
import { DEFAULT_CLIENT, type MockLivepush, startMockLivepush } from '@livepush/mock-server';
import { afterAll, beforeAll, expect, it } from 'vitest';

let mock: MockLivepush;
beforeAll(async () => {
  mock = await startMockLivepush({ consent: 'approve' }); // any free port on 127.0.0.1
});
afterAll(() => mock.close());

it('reads the profile with a token from the mock', async () => {
  // biome-ignore lint/correctness/noUnusedVariables: the README's test, verbatim (it goes on to drive auth.handler)
  const auth = createLivepushAuth({
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    redirectUri: 'http://127.0.0.1:3000/auth/callback',
    scopes: ['profile.read'],
    secret: 'a-test-secret-of-at-least-32-characters!',
    endpoints: mock.endpoints, // { authorize, token, accountsApi, streamsApi, vodImportApi, issuer }
  });
  // …drive auth.handler(request) through login → callback, or skip the browser flow:
  const { access_token } = mock.issueTokens({ scopes: ['profile.read'] });
  const response = await fetch(`${mock.endpoints.accountsApi}/account/this`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  expect(response.status).toBe(200);
  expect(mock.stats().apiRequests).toBe(1);
});
