import type { LivepushAuth, LivepushCookie, LivepushRequestContext } from '@livepush/auth-core/server';
import { nextCookieOptions, withCookies } from './cookie-jar';
import type { Handoff } from './handoff';

/**
 * The request a Server Component, Server Action or route handler runs in, as Next.js shows it
 * (`headers()` and `cookies()` from `next/headers`), turned into the Web `Request` the core reads.
 */

/** The request header the proxy sets to the path and query of the page being rendered. @internal */
export const URL_HEADER = 'x-livepush-url';

/** What `headers()` gives (Next.js' `ReadonlyHeaders`). */
export interface IncomingHeaders {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}

/** What `cookies()` gives: read always; `set` throws where Next.js forbids it (a Server Component). */
export interface IncomingCookies {
  getAll(): { name: string; value: string }[];
  set(name: string, value: string, options: ReturnType<typeof nextCookieOptions>): unknown;
}

/** Headers about a body this `Request` does not have. */
const BODY_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

/** One request's view: the context, the URL it was built with. */
export interface Incoming {
  context: LivepushRequestContext;
  url: URL;
}

function first(value: string | null): string | null {
  const head = value?.split(',')[0]?.trim();
  return head ? head : null;
}

/**
 * The URL of the page: the origin from `Host` (or Next.js' `x-forwarded-*`), the path from the proxy's
 * {@link URL_HEADER} or, in a Server Action the proxy did not see, from a same-origin `Referer`; else `/`.
 * Only ever used for `returnTo` (which the login route checks again) and the sign-out origin check.
 */
export function incomingUrl(headers: IncomingHeaders): URL {
  const host = first(headers.get('x-forwarded-host')) ?? headers.get('host') ?? 'localhost';
  const proto = first(headers.get('x-forwarded-proto')) === 'https' ? 'https' : 'http';
  const origin = new URL(`${proto}://${host}`).origin;
  for (const candidate of [headers.get(URL_HEADER), headers.get('referer')]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate, origin);
      if (url.origin === origin) return url;
    } catch {
      // not a URL: try the next one
    }
  }
  return new URL('/', origin);
}

/**
 * The method of the request: `POST` when it is a Server Action (Next.js' `next-action` header, or the
 * form body of an action posted without JavaScript), else `GET`. Server Actions are always POSTs; a
 * page render is not, and sign-out refuses it (as `POST {basePath}/logout` refuses a GET).
 */
export function incomingMethod(headers: IncomingHeaders): 'GET' | 'POST' {
  if (headers.get('next-action')) return 'POST';
  const type = headers.get('content-type') ?? '';
  return /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type) ? 'POST' : 'GET';
}

/**
 * The core's per-request context for what `headers()` and `cookies()` show. The `Cookie` header is
 * rebuilt from `cookies()`, so it holds what the proxy and earlier Server Action code set in this
 * request. Cookies the core produces are written through `cookies().set`; where Next.js refuses (a
 * Server Component), a new session is kept in the handoff for the browser's next request, and a session
 * the handoff owes this browser is read from there (and written, where allowed).
 */
export function incoming(
  auth: LivepushAuth,
  handoff: Handoff,
  headers: IncomingHeaders,
  cookies: IncomingCookies,
): Incoming {
  const held = new Map(
    cookies
      .getAll()
      .filter((cookie) => cookie.value !== '')
      .map((cookie) => [cookie.name, encodeURIComponent(cookie.value)] as const),
  );
  const owed = handoff.owed(held);
  const unsent: LivepushCookie[] = [];
  const write = (cookie: LivepushCookie) => {
    try {
      cookies.set(cookie.name, cookie.value, nextCookieOptions(cookie.options));
    } catch {
      // A Server Component: Next.js takes no cookie here.
      unsent.push(cookie);
      handoff.keep(held, [...owed, ...unsent]);
    }
  };
  for (const cookie of owed) write(cookie);

  const init = new Headers();
  headers.forEach((value, name) => {
    if (!BODY_HEADERS.has(name)) init.set(name, value);
  });
  const cookieHeader = withCookies(
    [...held].map(([name, value]) => `${name}=${value}`).join('; ') || null,
    owed,
  );
  if (cookieHeader === null) init.delete('cookie');
  else init.set('cookie', cookieHeader);

  const url = incomingUrl(headers);
  const request = new Request(url, { method: incomingMethod(headers), headers: init });
  return { context: auth.requestContext(request, { onCookie: write }), url };
}
