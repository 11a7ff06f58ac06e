// The root README's "mock server in your own tests" example, compiled by this package's typecheck.
import { createLivepushAuth } from '@livepush/auth-core/server';
import { DEFAULT_CLIENT, startMockLivepush } from '@livepush/mock-server';

const mock = await startMockLivepush({ consent: 'approve', accessTokenTtlSeconds: 5 });
const auth = createLivepushAuth({
  clientId: DEFAULT_CLIENT.clientId,
  clientSecret: DEFAULT_CLIENT.clientSecret,
  redirectUri: 'http://127.0.0.1:3000/auth/callback',
  secret: 'a-test-secret-of-at-least-32-characters',
  endpoints: mock.endpoints, // the only change: point the app at the mock
});
const login = await auth.handler(new Request('http://127.0.0.1:3000/auth/login'));
console.log(login.headers.get('location'), mock.stats().authorizeRequests);
await mock.close();
