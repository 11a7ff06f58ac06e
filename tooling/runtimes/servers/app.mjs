// The app every runtime serves: the built `@livepush/auth-core/server` handler pointed at the mock,
// plus two test-only routes outside the handler's basePath:
//   GET  /__runtime          → which runtime this is, and how many Web Crypto seal/open calls it made
//   POST /__clock?advance=ms → moves the handler's clock forward (to make an access token due)
// Plain JavaScript, so every runtime runs it as it is.
import { createLivepushAuth } from '@livepush/auth-core/server';

// Counted before the handler exists: the Web Crypto sealer calls these, the node:crypto one never does.
const subtleCalls = { encrypt: 0, decrypt: 0 };
for (const method of ['encrypt', 'decrypt']) {
  const original = crypto.subtle[method];
  crypto.subtle[method] = function (...args) {
    subtleCalls[method] += 1;
    return original.apply(this, args);
  };
}

/**
 * A fetch handler for `runtime` (a name and version), with `env` holding MOCK_ENDPOINTS (the mock's
 * endpoints as JSON) and SESSION_SECRET.
 * The handler is created on the first request, for the origin that request came to.
 */
export function createApp(runtime, env) {
  let offset = 0;
  let auth;
  const json = (body) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  return async function fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/__runtime') return json({ runtime, subtleCalls });
    if (url.pathname === '/__clock' && request.method === 'POST') {
      offset += Number(url.searchParams.get('advance'));
      return json({ offset });
    }
    auth ??= createLivepushAuth({
      clientId: 'livepush-demo-client',
      clientSecret: 'livepush-demo-secret-not-for-production',
      redirectUri: `${url.origin}/auth/callback`,
      secret: env.SESSION_SECRET,
      scopes: ['profile.read', 'streams.read'],
      endpoints: JSON.parse(env.MOCK_ENDPOINTS),
      now: () => Date.now() + offset,
      logger: { debug() {}, warn() {}, error() {} },
    });
    return auth.handler(request);
  };
}
