import type { LivepushAuth, LivepushCookie, LivepushRequestContext } from '@livepush/auth-core/server';
import { deleteCookie, getRequestURL, type H3Event, sendWebResponse, setCookie, toWebRequest } from 'h3';

declare module 'h3' {
  interface H3EventContext {
    /** This request's Livepush session, set by the `@livepush/auth-nuxt` server middleware. */
    livepush?: LivepushRequestContext;
  }
}

/**
 * Writes a cookie the core produced through h3, so it reaches whatever response Nitro sends (a page,
 * an API answer, a redirect). Every attribute is explicit and the value is written as is (the core
 * already made it cookie-safe).
 */
function writeCookie(event: H3Event, { name, value, options }: LivepushCookie): void {
  const attributes = { ...options, encode: (raw: string) => raw };
  if (options.maxAge === 0) deleteCookie(event, name, attributes);
  else setCookie(event, name, value, attributes);
}

/**
 * The request as the context reads it: URL, method and headers (cookies, origin). The context never
 * reads a body, and taking the body stream here (as `toWebRequest` does) would leave none for the
 * route's own `readBody()`.
 */
function requestOf(event: H3Event): Request {
  return new Request(getRequestURL(event), { method: event.method, headers: event.headers });
}

/**
 * Sets `event.context.livepush` (unless already set): the core's per-request context, whose refreshed or
 * cleared cookies are written through h3's `setCookie` the moment they are produced. Nothing is read
 * until asked for.
 * @internal
 */
export function attachLivepush(event: H3Event, auth: LivepushAuth): LivepushRequestContext {
  event.context.livepush ??= auth.requestContext(requestOf(event), {
    onCookie: (cookie) => writeCookie(event, cookie),
  });
  return event.context.livepush;
}

/**
 * Answers a route under `basePath` (`login`, `callback`, `logout`, `session`, `api/*`) with the core
 * handler, through h3's Web `Request` bridge (the body streams through to the API proxy).
 * @internal
 */
export async function answerLivepushRoute(event: H3Event, auth: LivepushAuth): Promise<void> {
  await sendWebResponse(event, await auth.handler(toWebRequest(event)));
}

let instance: (() => LivepushAuth) | undefined;

/** Where the server utilities that need no request (`signOutLivepushUser`, …) find the core. @internal */
export function provideLivepushAuth(get: () => LivepushAuth): void {
  instance = get;
}

/**
 * The core instance of this server, for the utilities that need no request.
 * @internal
 */
export function livepushInstance(): LivepushAuth {
  if (!instance) {
    throw new Error(
      'Livepush: the module is not running in this server. Add `modules: ["@livepush/auth-nuxt"]` to nuxt.config ' +
        'and call this utility from the Nitro server (a server route, plugin or task).',
    );
  }
  return instance();
}

/**
 * `event.context.livepush`, or an error saying what is missing.
 * @internal
 */
export function livepushOf(event: H3Event): LivepushRequestContext {
  const context = event?.context?.livepush;
  if (!context) {
    throw new Error(
      'Livepush: no session context on this event. Add `modules: ["@livepush/auth-nuxt"]` to nuxt.config ' +
        '(its server middleware sets event.context.livepush) and pass the route handler’s `event`.',
    );
  }
  return context;
}
