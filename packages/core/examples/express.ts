// An Express 5 server with Livepush sign-in (Express 4 works the same). CI compiles this file and runs
// it against the mock (test/node/express-example.test.ts). To run it yourself against the mock:
//   npx -p @livepush/mock-server livepush-mock-server     # prints the .env lines below
//   LIVEPUSH_MOCK_URL=http://127.0.0.1:4010 LIVEPUSH_CLIENT_ID=livepush-demo-client \
//   LIVEPUSH_CLIENT_SECRET=livepush-demo-secret-not-for-production \
//   SESSION_SECRET=a-session-secret-of-at-least-32-characters node server.js
import { toNodeHandler, toWebRequest } from '@livepush/auth-core/node';
import { createLivepushAuth } from '@livepush/auth-core/server';
import { mockEndpoints } from '@livepush/mock-server/endpoints';
import express from 'express';

const { PORT = '3000', LIVEPUSH_MOCK_URL } = process.env;
const origin = process.env.ORIGIN ?? `http://localhost:${PORT}`; // open the app on this host

const auth = createLivepushAuth({
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: `${origin}/auth/callback`, // registered with Livepush (the mock takes any loopback URI)
  secret: process.env.SESSION_SECRET ?? '',
  scopes: ['profile.read', 'streams.read'],
  // In development, the mock running elsewhere; unset, Livepush itself.
  endpoints: LIVEPUSH_MOCK_URL ? mockEndpoints(LIVEPUSH_MOCK_URL) : undefined,
});

const app = express();
app.use('/auth', toNodeHandler(auth)); // before body parsers: request bodies stream through
app.use(express.json());

// Your own routes read the session from a Web Request made of Express's.
app.get('/api/me', async (req, res) => {
  const session = await auth.getSession(toWebRequest(req));
  if (!session) {
    res.status(401).json({ signIn: '/auth/login?returnTo=/api/me' });
    return;
  }
  res.json({ name: session.user?.name ?? null, scopes: session.scopes });
});

app.get('/', (_req, res) => {
  res.type('html').send(`<a href="/auth/login">Sign in with Livepush</a>
<form method="post" action="/auth/logout"><button>Sign out</button></form>
<p><a href="/api/me">Who am I?</a></p>`);
});

app.listen(Number(PORT), '127.0.0.1', () => console.log(`Listening on ${origin}`));
