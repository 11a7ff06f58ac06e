// Cold start, Auth.js: the same shape as livepush.mjs — a fresh Node process imports @auth/core,
// builds its config (a generic OAuth provider pointed at Livepush) and answers one GET /auth/session
// carrying a session cookie (SESSION_COOKIE, a JWT under SESSION_SECRET). Prints one JSON line (ms).
const boot = performance.now();
const { Auth } = await import('@auth/core');
const imported = performance.now();
const livepush = 'http://127.0.0.1:4010';
const config = {
  secret: process.env.SESSION_SECRET,
  trustHost: true,
  basePath: '/auth',
  session: { strategy: 'jwt' },
  logger: { error() {}, warn() {}, debug() {} },
  providers: [
    {
      id: 'livepush',
      name: 'Livepush',
      type: 'oauth',
      clientId: 'livepush-demo-client',
      clientSecret: 'livepush-demo-secret-not-for-production',
      authorization: { url: `${livepush}/oauth2/authorize`, params: { scope: 'profile.read' } },
      token: `${livepush}/oauth2/token`,
      userinfo: `${livepush}/squid/account/this`,
    },
  ],
};
const created = performance.now();
const request = new Request('http://127.0.0.1:3000/auth/session', {
  headers: { cookie: process.env.SESSION_COOKIE },
});
const built = performance.now();
const response = await Auth(request, config);
const body = await response.text();
const answered = performance.now();
// Marks (ms since the process started): started, imported, created, Request built, answered.
const marks = [boot, imported, created, built, answered];
process.stdout.write(`${JSON.stringify({ marks, status: response.status, body })}\n`);
