// The README's server example, compiled by `pnpm typecheck` so it cannot rot.
import { hasScopes, LivepushAuthError } from '@livepush/auth-core';
import { createLivepushAuth } from '@livepush/auth-core/server';
import { mockEndpoints } from '@livepush/mock-server/endpoints';

export const auth = createLivepushAuth({
  clientId: process.env.LIVEPUSH_CLIENT_ID ?? '',
  clientSecret: process.env.LIVEPUSH_CLIENT_SECRET ?? '',
  redirectUri: `${process.env.ORIGIN}/auth/callback`, // ORIGIN: where users open the app
  secret: process.env.SESSION_SECRET ?? '', // ≥ 32 characters; pass [new, old] to rotate
  scopes: ['profile.read', 'streams.read'],
  endpoints: process.env.LIVEPUSH_MOCK_URL ? mockEndpoints(process.env.LIVEPUSH_MOCK_URL) : undefined,
});

/** Any server that speaks Web Request/Response: Hono, Bun, Deno, Workers, Next route handlers… */
export async function fetchHandler(request: Request): Promise<Response> {
  const handled = await auth.handle(request); // answers /auth/*, null for everything else
  if (handled) return handled;

  const url = new URL(request.url);
  const livepush = auth.requestContext(request);
  if (url.pathname === '/sign-out') {
    await livepush.signOut(); // a POST from this site only, like POST /auth/logout
    return livepush.applyCookies(Response.redirect(new URL('/', url), 303));
  }
  const session = await livepush.getSession();
  if (!session) return Response.redirect(new URL(livepush.signInUrl(), url), 302); // comes back here
  if (!hasScopes(session.scopes, ['streams.read']))
    return Response.redirect(new URL(livepush.signInUrl({ scopes: ['streams.read'] }), url), 302);
  try {
    const streams = await livepush.api.streams.list(); // refreshes the token first when due
    return livepush.applyCookies(Response.json(streams.map((s) => s.metadata.name)));
  } catch (error) {
    if (error instanceof LivepushAuthError && error.isTransient)
      return new Response('Try again', { status: 503 });
    throw error;
  }
}
