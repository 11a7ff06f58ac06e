import { type LivepushAuth, serializeCookie } from '@livepush/auth-core/server';
import { cookieMap, withCookies } from './cookie-jar';
import type { Handoff } from './handoff';
import type { LivepushHandlers } from './types';

/**
 * `{basePath}/login` fetched by Next.js' router (a `<Link>` prefetch, a client-side navigation, the
 * redirect of a Server Action) rather than navigated to. Starting a sign-in there would leave a
 * transaction the browser never uses and follow Livepush's page with `fetch`: answer with no body,
 * which makes the router navigate to the URL for real.
 */
function isRouterFetch(request: Request, auth: LivepushAuth): boolean {
  return request.headers.has('rsc') && new URL(request.url).pathname === `${auth.basePath}/login`;
}

/** The route handlers of `app/{basePath}/[...livepush]/route.ts`: the core's handler for every method. @internal */
export function createHandlers(core: () => LivepushAuth, handoff: Handoff): LivepushHandlers {
  async function handle(request: Request): Promise<Response> {
    const auth = core();
    if (isRouterFetch(request, auth)) {
      return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
    }
    // A session a Server Component refreshed for this browser but could not send: used, and sent now.
    const owed = handoff.owed(cookieMap(request.headers.get('cookie')));
    if (owed.length === 0) return auth.handler(request);
    const headers = new Headers(request.headers);
    const cookie = withCookies(request.headers.get('cookie'), owed);
    if (cookie === null) headers.delete('cookie');
    else headers.set('cookie', cookie);
    const response = await auth.handler(new Request(request, { headers }));
    // The owed cookies first: whatever the route set itself (a newer refresh, a sign-out) wins.
    const merged = new Headers();
    for (const owedCookie of owed) merged.append('set-cookie', serializeCookie(owedCookie));
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') merged.append(name, value);
    });
    for (const line of response.headers.getSetCookie()) merged.append('set-cookie', line);
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: merged,
    });
  }
  return { GET: handle, POST: handle, PUT: handle, PATCH: handle, DELETE: handle };
}
