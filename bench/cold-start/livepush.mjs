// Cold start, Livepush: a fresh Node process imports the built server entry, creates the handler and
// answers one GET /auth/session carrying a session cookie (SESSION_COOKIE). Prints one JSON line of
// timings (ms); bench/src/cold-start.ts runs it. Kept as plain JS so nothing but Node runs before it.
const boot = performance.now(); // since the process started (performance.timeOrigin)
const { createLivepushAuth, createSealer } = await import('@livepush/auth-core/server');
const imported = performance.now();
const auth = createLivepushAuth({
  clientId: 'livepush-demo-client',
  clientSecret: 'livepush-demo-secret-not-for-production',
  redirectUri: 'http://127.0.0.1:3000/auth/callback',
  secret: process.env.SESSION_SECRET,
  logger: { debug() {}, warn() {}, error() {} },
});
const created = performance.now();
// Node loads its fetch classes (undici) on their first use: any Request → Response handler pays it.
const request = new Request('http://127.0.0.1:3000/auth/session', {
  headers: { cookie: process.env.SESSION_COOKIE },
});
const built = performance.now();
const response = await auth.handler(request);
const body = await response.text();
const answered = performance.now();
// Key derivation on its own (only when asked, so the timed runs do nothing after the answer): a fresh
// sealer's first open, which derives its keys, minus its second, which does not.
let derive;
if (process.env.MEASURE_DERIVE) {
  const sealed = await createSealer(process.env.SESSION_SECRET, { domain: 'cold-start' }).seal('x', 1);
  const fresh = createSealer(process.env.SESSION_SECRET, { domain: 'cold-start' });
  let t = performance.now();
  await fresh.open('x', sealed);
  const first = performance.now() - t;
  t = performance.now();
  await fresh.open('x', sealed);
  derive = Math.max(0, first - (performance.now() - t));
}
// Marks (ms since the process started): started, imported, created, Request built, answered.
const marks = [boot, imported, created, built, answered];
process.stdout.write(`${JSON.stringify({ marks, derive, status: response.status, body })}\n`);
