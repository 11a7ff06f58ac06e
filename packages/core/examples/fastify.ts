// Fastify with Livepush sign-in: the auth routes in a plugin whose bodies Fastify leaves unread, so they
// stream to the handler; `reply.hijack()` hands it the raw response.
import { toNodeHandler } from '@livepush/auth-core/node';
import { createLivepushAuth } from '@livepush/auth-core/server';
import { mockEndpoints } from '@livepush/mock-server/endpoints';
import Fastify from 'fastify';

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

const app = Fastify();
await app.register(async (scope) => {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
  scope.all('/auth/*', async (request, reply) => {
    reply.hijack();
    await authRoutes(request.raw, reply.raw);
  });
});
await app.listen({ port: Number(PORT), host: '127.0.0.1' });
console.log(`Listening on ${origin}`);
