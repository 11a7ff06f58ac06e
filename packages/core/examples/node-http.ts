// node:http with Livepush sign-in: the auth routes, and your own for everything else.
import { createServer } from 'node:http';
import { toNodeHandler, toWebRequest } from '@livepush/auth-core/node';
import { createLivepushAuth } from '@livepush/auth-core/server';

const auth = createLivepushAuth({
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: 'http://localhost:3000/auth/callback',
  secret: process.env.SESSION_SECRET ?? '',
});
const authRoutes = toNodeHandler(auth);

createServer(async (req, res) => {
  if (req.url?.startsWith(`${auth.basePath}/`)) return authRoutes(req, res);
  const session = await auth.getSession(toWebRequest(req));
  res.setHeader('content-type', 'text/plain');
  res.end(session ? `Signed in as ${session.user?.name}` : 'Signed out: /auth/login signs in');
}).listen(3000);
