/** The app's origin in tests: handlers run in-process, Livepush (the mock) over real HTTP on loopback. */
export const APP_ORIGIN = 'http://127.0.0.1:3000';

/**
 * What a {@link Browser} talks to: an auth handler object (`createLivepushAuth(...)`: its `handler` and
 * `basePath`), any `Request → Response` function (a whole framework app), or the origin of a server
 * listening over HTTP.
 */
export type App =
  | { handler(request: Request): Promise<Response>; readonly basePath?: string }
  | ((request: Request) => Promise<Response>)
  | string;

export interface BrowserOptions {
  /** The page's origin (default: the URL when `app` is one, else {@link APP_ORIGIN}). */
  origin?: string;
  /** Where the auth routes live (default: the handler's `basePath`, else `/auth`). */
  basePath?: string;
  /**
   * The paths the app answers while navigating: `auth` (its auth routes; any other app URL ends the
   * navigation unfetched, as a page the test does not serve) or `all` (a framework app, every path).
   * Default: `all` for a function or a URL, `auth` for a handler object.
   */
  routes?: 'auth' | 'all';
  /** Add `Origin` to unsafe requests, as a browser's fetch does (off by default: CSRF tests set it). */
  sendOrigin?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const UNSAFE = (method: string) => method !== 'GET' && method !== 'HEAD';

/**
 * One browser profile on the app's origin: a cookie jar that applies `Set-Cookie` as a browser does,
 * and navigations that follow redirects between the app (in-process or over HTTP) and the mock
 * Livepush (over HTTP). It records what the app sent, so tests can prove no token reached the page.
 */
export class Browser<A extends App = App> {
  /** Cookie name → value, as the browser would send them to the app. */
  readonly jar = new Map<string, string>();
  /** Every response body the app sent. */
  readonly bodies: string[] = [];
  /** Every `Location` the app redirected to. */
  readonly locations: string[] = [];
  /** Every request sent to the app, as `METHOD /path`. */
  readonly requests: string[] = [];
  readonly origin: string;
  readonly basePath: string;
  readonly #routes: 'auth' | 'all';
  readonly #sendOrigin: boolean;

  constructor(
    readonly auth: A,
    options: BrowserOptions = {},
  ) {
    this.origin = options.origin ?? (typeof auth === 'string' ? new URL(auth).origin : APP_ORIGIN);
    this.basePath = options.basePath ?? (typeof auth === 'object' ? auth.basePath : undefined) ?? '/auth';
    this.#routes = options.routes ?? (typeof auth === 'object' ? 'auth' : 'all');
    this.#sendOrigin = options.sendOrigin ?? false;
  }

  /** The `Cookie` header the jar sends. */
  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Applies `Set-Cookie` headers as a browser does: an empty value, `Max-Age<=0` or a past `Expires` deletes. */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(
        (attribute) =>
          /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(attribute) ||
          (/^\s*expires\s*=/i.test(attribute) && Date.parse(attribute.split('=')[1]!) < Date.now()),
      );
      if (expired || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** Sends one request to `app`; a subclass may route it differently (e.g. through a framework's hooks). */
  protected send(request: Request, app: App): Promise<Response> {
    if (typeof app === 'function') return app(request);
    if (typeof app === 'object') return app.handler(request);
    const url = new URL(request.url);
    return fetch(new URL(url.pathname + url.search, app), { ...requestInit(request), redirect: 'manual' });
  }

  /**
   * One request to the app (default: this browser's) with the jar's cookies; relative URLs resolve
   * against the origin. Its cookies are kept, its body and `Location` recorded.
   */
  async app(input: string | URL | Request, init: RequestInit = {}, app: App = this.auth): Promise<Response> {
    let request =
      input instanceof Request ? new Request(input, init) : new Request(new URL(input, this.origin), init);
    const headers = new Headers(request.headers);
    if (this.jar.size > 0 && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    if (this.#sendOrigin && UNSAFE(request.method) && !headers.has('origin'))
      headers.set('origin', this.origin);
    request = new Request(request, { headers });
    const url = new URL(request.url);
    this.requests.push(`${request.method} ${url.pathname}`);
    const response = await this.send(request, app);
    this.store(response);
    const location = response.headers.get('location');
    if (location) this.locations.push(location);
    this.bodies.push(await response.clone().text());
    return response;
  }

  /** The page's `fetch`: {@link app} with fetch's signature. */
  readonly fetch: typeof fetch = (input, init) => this.app(input, init);

  /**
   * Navigates like a browser: follows redirects between the app and Livepush (the mock, over HTTP).
   * Ends at the first answer that is no redirect, at an app URL the app does not serve (`response`
   * null), or where a redirect leaves loopback (tests never do; unfetched, `response` null).
   */
  async navigate(start: string | URL): Promise<{ url: URL; response: Response | null }> {
    let url = new URL(start, this.origin);
    for (let hop = 0; hop < 10; hop++) {
      const inApp = url.origin === this.origin;
      const served = this.#routes === 'all' || url.pathname.startsWith(`${this.basePath}/`);
      if ((inApp && !served) || (!inApp && !LOOPBACK.has(url.hostname))) return { url, response: null };
      const response = inApp
        ? await this.app(url.pathname + url.search)
        : await fetch(url, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url, response };
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  /** Signs in through the login route and the mock (its consent must be `approve`); returns where the flow ended. */
  async signIn(query = ''): Promise<URL> {
    return (await this.navigate(`${this.basePath}/login${query}`)).url;
  }

  /** The session route's JSON (from `app`, default this browser's). */
  async session(app: App = this.auth): Promise<Record<string, unknown>> {
    return (await this.app(`${this.basePath}/session`, {}, app)).json() as Promise<Record<string, unknown>>;
  }

  /** Signs out as the page's own fetch would: a same-origin POST asking for JSON. */
  logout(app: App = this.auth): Promise<Response> {
    return this.app(
      `${this.basePath}/logout`,
      { method: 'POST', headers: { origin: this.origin, accept: 'application/json' } },
      app,
    );
  }
}

/** A request's parts as fetch options, to send it to another origin. */
function requestInit(request: Request): RequestInit {
  return {
    method: request.method,
    headers: request.headers,
    ...(UNSAFE(request.method) ? { body: request.body, duplex: 'half' } : {}),
  } as RequestInit;
}
