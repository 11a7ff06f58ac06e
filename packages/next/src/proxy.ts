import { isLivepushAuthError, type LivepushScope, missingScopes, parseScopes } from '@livepush/auth-core';
import type { LivepushAuth, LivepushCookie, SessionSummary } from '@livepush/auth-core/server';
import { type NextFetchEvent, NextRequest, NextResponse } from 'next/server';
import { cookieMap, nextCookieOptions, withCookies } from './cookie-jar';
import type { Handoff } from './handoff';
import { URL_HEADER } from './incoming';
import type { LivepushProxy, LivepushProxyHandler, NextProxyFunction, ProtectOption } from './types';

/** What the proxy needs from `createLivepushNext`. @internal */
export interface ProxyDeps {
  core(): LivepushAuth;
  protect(): ProtectOption | undefined;
  handoff: Handoff;
}

/** True when `pathname` is `prefix` or below it. */
function under(pathname: string, prefix: string): boolean {
  const base = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return pathname === base || pathname.startsWith(`${base}/`) || base === '';
}

/** The scopes `request` needs (`[]`: a session), or `null` when it is public. */
function requirement(
  protect: ProtectOption | undefined,
  request: NextRequest,
): readonly LivepushScope[] | null {
  if (!protect) return null;
  if (typeof protect === 'function') {
    const answer = protect(request);
    return answer === false ? null : answer === true ? [] : answer;
  }
  const { pathname } = request.nextUrl;
  for (const entry of protect) {
    const rule = typeof entry === 'string' ? { path: entry } : entry;
    if (under(pathname, rule.path)) return rule.scopes ?? [];
  }
  return null;
}

function setCookies(response: Response, cookies: readonly LivepushCookie[]): Response {
  if (cookies.length === 0) return response;
  const next = response instanceof NextResponse ? response : new NextResponse(response.body, response);
  for (const { name, value, options } of cookies) next.cookies.set(name, value, nextCookieOptions(options));
  return next;
}

/**
 * The proxy: before the page renders, a due session is refreshed and the new cookie is written on the
 * response (for the browser) **and** on the request that continues to the page (so Server Components
 * read the new session and nothing refreshes, or replays a rotated refresh token, while rendering).
 * Protected paths without a session (or a needed scope) are redirected to sign in, back afterwards.
 * @internal
 */
export function createProxy(deps: ProxyDeps): LivepushProxy {
  async function run(
    request: NextRequest,
    event: NextFetchEvent | undefined,
    handler: LivepushProxyHandler | undefined,
  ): Promise<Response> {
    const auth = deps.core();
    const { pathname, search } = request.nextUrl;
    // The auth routes refresh (and answer) on their own.
    if (under(pathname, auth.basePath)) return NextResponse.next();

    const headers = new Headers(request.headers);
    headers.set(URL_HEADER, `${pathname}${search}`);
    const held = cookieMap(request.headers.get('cookie'));
    const produced: LivepushCookie[] = deps.handoff.owed(held);
    const setCookieHeader = () => {
      const header = withCookies(request.headers.get('cookie'), produced);
      if (header === null) headers.delete('cookie');
      else headers.set('cookie', header);
    };
    setCookieHeader();

    const context = auth.requestContext(new Request(request.url, { method: request.method, headers }), {
      onCookie: (cookie) => produced.push(cookie),
    });
    let session: SessionSummary | null | undefined;
    try {
      session = await context.getSession({ refresh: true });
    } catch (error) {
      // The store is down: the page decides (its auth() fails the same way); nothing is redirected.
      if (!isLivepushAuthError(error)) throw error;
      session = undefined;
    }
    setCookieHeader();

    const needs = session === undefined ? null : requirement(deps.protect(), request);
    if (needs !== null && !request.nextUrl.searchParams.has('error')) {
      const missing = session ? missingScopes(session.scopes, needs) : needs;
      if (!session || missing.length > 0) {
        const scopes = session
          ? missing
          : needs.length > 0
            ? parseScopes([...auth.client.scopes, ...needs])
            : undefined;
        const target = new URL(context.signInUrl({ scopes }), request.url);
        return setCookies(NextResponse.redirect(target), produced);
      }
    }

    const next: NextProxyContextNext = (init = {}) => {
      const forwarded = new Headers(init.request?.headers ?? headers);
      const cookie = headers.get('cookie');
      if (cookie === null) forwarded.delete('cookie');
      else forwarded.set('cookie', cookie);
      forwarded.set(URL_HEADER, `${pathname}${search}`);
      return NextResponse.next({
        ...(init.headers ? { headers: init.headers } : {}),
        request: { headers: forwarded },
      });
    };
    let response: Response | undefined;
    if (handler) {
      const continued = new NextRequest(request, { headers });
      response = (await handler(continued, { session, event, next })) ?? undefined;
    }
    return setCookies(response ?? next(), produced);
  }

  function proxy(request: NextRequest, event?: NextFetchEvent): Promise<Response>;
  function proxy(handler: LivepushProxyHandler): NextProxyFunction;
  function proxy(
    input: NextRequest | LivepushProxyHandler,
    event?: NextFetchEvent,
  ): Promise<Response> | NextProxyFunction {
    if (typeof input === 'function') return (request, proxyEvent) => run(request, proxyEvent, input);
    return run(input, event, undefined);
  }
  return proxy;
}

type NextProxyContextNext = (init?: {
  headers?: HeadersInit;
  request?: { headers?: Headers };
}) => NextResponse;
