// Fastify with Livepush sign-in: the auth routes in a plugin whose bodies Fastify leaves unread, so they
// stream to the handler; `reply.hijack()` hands it the raw response.
import { toNodeHandler } from '@livepush/auth-core/node';
import { createLivepushAuth } from '@livepush/auth-core/server';
import Fastify from 'fastify';

const auth = createLivepushAuth({
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: 'http://localhost:3000/auth/callback',
  secret: process.env.SESSION_SECRET ?? '',
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
await app.listen({ port: 3000 });
