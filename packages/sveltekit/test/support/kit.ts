// A faithful slice of SvelteKit's `respond()` for testing a `Handle`: real `Request`s, SvelteKit's own
// cookie implementation (the module `event.cookies` comes from at runtime), the request store `sequence()`
// needs, and what SvelteKit does with a `redirect`/`error` thrown from `load`, an action or a handle.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser } from '@livepush/test-support';
import type { Cookies, Handle, RequestEvent } from '@sveltejs/kit';
import { isHttpError, isRedirect } from '@sveltejs/kit';

interface KitCookies {
  cookies: Cookies;
  new_cookies: Map<string, unknown>;
  set_trailing_slash(mode: 'never' | 'always' | 'ignore'): void;
}
type KitCookieModule = {
  get_cookies(request: Request, url: URL): KitCookies;
  add_cookies_to_headers(headers: Headers, cookies: Iterable<unknown>): void;
};

// SvelteKit's runtime cookie module, loaded by file (it is not a public export).
const require = createRequire(import.meta.url);
const kitRoot = dirname(require.resolve('@sveltejs/kit/package.json'));
const kitCookies = (await import(
  pathToFileURL(join(kitRoot, 'src/runtime/server/cookie.js')).href
)) as KitCookieModule;

// The request store `sequence()` reads (its typings map to an ambient file, hence the typed import).
const internalServer: string = '@sveltejs/kit/internal/server';
const { with_request_store } = (await import(internalServer)) as {
  with_request_store<T>(store: unknown, fn: () => T): T;
};

/** What a route does: a `load` (its return value becomes JSON) or an action. */
export type Route = (event: RequestEvent) => unknown;

/** A minimal span: SvelteKit's tracing is off unless configured. */
const span = {
  setAttributes: () => span,
  setAttribute: () => span,
  end: () => {},
} as unknown as RequestEvent['tracing']['root'];
const state = { tracing: { record_span: ({ fn }: { fn: (s: typeof span) => unknown }) => fn(span) } };

/** Everything a test may look at after one request. */
export interface Exchange {
  response: Response;
  event: RequestEvent;
  /** Whether the handle called `resolve`. */
  resolved: boolean;
}

/**
 * Runs `handle` for `request` as SvelteKit would: `resolve` runs `route` (if any) and then appends the
 * cookies set through `event.cookies` to the response; after that, `event.cookies.set` throws.
 */
export async function respond(
  handle: Handle,
  request: Request,
  route: Route = () => ({ ok: true }),
  options: {
    routeId?: string;
    locals?: Record<string, unknown>;
    afterResponse?: (event: RequestEvent) => void;
  } = {},
): Promise<Exchange> {
  const url = new URL(request.url);
  const { cookies, new_cookies, set_trailing_slash } = kitCookies.get_cookies(request, url);
  set_trailing_slash('never');
  const event = {
    cookies,
    fetch: globalThis.fetch,
    getClientAddress: () => '127.0.0.1',
    locals: { ...options.locals } as unknown as App.Locals,
    params: {},
    platform: undefined,
    request,
    route: { id: options.routeId ?? url.pathname },
    setHeaders: () => {},
    url,
    isDataRequest: false,
    isSubRequest: false,
    isRemoteRequest: false,
    tracing: { enabled: false, root: span, current: span },
  } satisfies RequestEvent as RequestEvent;

  const thrown = (error: unknown): Response => {
    if (isRedirect(error)) {
      const response = new Response(null, { status: error.status, headers: { location: error.location } });
      kitCookies.add_cookies_to_headers(response.headers, new_cookies.values());
      return response;
    }
    if (isHttpError(error)) return Response.json(error.body, { status: error.status });
    throw error;
  };

  let resolved = false;
  const resolve = async (resolvedEvent: RequestEvent) => {
    resolved = true;
    let response: Response;
    try {
      const data = await route(resolvedEvent);
      response = data instanceof Response ? data : Response.json(data ?? null);
    } catch (error) {
      response = thrown(error);
      return response;
    }
    kitCookies.add_cookies_to_headers(response.headers, new_cookies.values());
    return response;
  };

  let response: Response;
  try {
    response = await with_request_store({ event, state } as never, () =>
      handle({ event, resolve: (e) => resolve(e).finally(() => lock(e)) }),
    );
  } catch (error) {
    response = thrown(error);
  }
  options.afterResponse?.(event);
  return { response, event, resolved };
}

/** What SvelteKit does once the response exists: cookies can no longer be set. */
function lock(event: RequestEvent): void {
  event.cookies.set = () => {
    throw new Error('Cannot use `cookies.set(...)` after the response has been generated');
  };
}

/** What {@link KitBrowser.request} may add to one request: the route that answers it, and `respond`'s options. */
type RequestOptions = Parameters<typeof respond>[3] & { route?: Route };

/**
 * A {@link Browser} on a SvelteKit app: each request runs through `handle` as {@link respond} runs it,
 * and `resolve` answers with the route registered for its path (`routes`) or a plain JSON page.
 */
export class KitBrowser extends Browser {
  #options: RequestOptions = {};
  #last: Exchange | undefined;

  constructor(
    readonly handle: Handle,
    readonly routes: Record<string, Route> = {},
  ) {
    super(async (request) => (await respond(handle, request)).response);
  }

  protected override async send(request: Request): Promise<Response> {
    const { route, ...options } = this.#options;
    this.#options = {};
    this.#last = await respond(
      this.handle,
      request,
      route ?? this.routes[new URL(request.url).pathname],
      options,
    );
    return this.#last.response;
  }

  /** One request with the jar's cookies; resolves with everything a test may look at. */
  async request(path: string, init: RequestInit = {}, options: RequestOptions = {}): Promise<Exchange> {
    this.#options = options;
    await this.app(path, init);
    return this.#last!;
  }
}
