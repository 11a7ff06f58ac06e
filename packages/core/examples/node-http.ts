// node:http with Livepush sign-in: the auth routes, and your own for everything else.
import { createServer } from 'node:http';
import { toNodeHandler, toWebRequest } from '@livepush/auth-core/node';
import { createLivepushAuth } from '@livepush/auth-core/server';
import { mockEndpoints } from '@livepush/mock-server/endpoints';

const { PORT = '3000', LIVEPUSH_MOCK_URL } = process.env;
const origin = process.env.ORIGIN ?? `http://localhost:${PORT}`; // open the app on this host

const auth = createLivepushAuth({
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: `${origin}/auth/callback`,
  secret: process.env.SESSION_SECRET ?? '',
  endpoints: LIVEPUSH_MOCK_URL ? mockEndpoints(LIVEPUSH_MOCK_URL) : undefined, // the mock, in development
});
const authRoutes = toNodeHandler(auth);

createServer(async (req, res) => {
  if (req.url?.startsWith(`${auth.basePath}/`)) return authRoutes(req, res);
  const session = await auth.getSession(toWebRequest(req));
  res.setHeader('content-type', 'text/plain');
  res.end(session ? `Signed in as ${session.user?.name}` : 'Signed out: /auth/login signs in');
}).listen(Number(PORT), '127.0.0.1', () => console.log(`Listening on ${origin}`));
