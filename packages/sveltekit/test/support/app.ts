import type { LivepushAuthOptions } from '@livepush/auth-core/server';
import {
  DEFAULT_CLIENT,
  type MockLivepush,
  type MockLivepushOptions,
  startMockLivepush,
} from '@livepush/mock-server';
import type { Handle } from '@sveltejs/kit';
import { type Exchange, type Route, respond } from './kit';

/** The app's origin: the handle runs in-process, Livepush (the mock) over real HTTP on loopback. */
export const APP_ORIGIN = 'http://127.0.0.1:3000';
export const SECRET = 'sveltekit-test-session-secret-0123456789';

/** Options of `createLivepushAuth` pointed at `mock`, quiet. */
export function optionsFor(
  mock: MockLivepush,
  overrides: Partial<LivepushAuthOptions> = {},
): LivepushAuthOptions {
  return {
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    redirectUri: `${APP_ORIGIN}/auth/callback`,
    secret: SECRET,
    scopes: ['profile.read', 'streams.read'],
    // The tests ask for streams.create later (incremental consent).
    allowedScopes: ['profile.read', 'streams.read', 'streams.create'],
    endpoints: mock.endpoints,
    logger: { debug() {}, warn() {}, error() {} },
    ...overrides,
  };
}

/** Starts a mock Livepush that approves at once (override with `options`). */
export function startMock(options: MockLivepushOptions = {}): Promise<MockLivepush> {
  return startMockLivepush({ consent: 'approve', ...options });
}

/** One browser profile on the app's origin: a cookie jar, and the app's pages as routes. */
export class Browser {
  readonly jar = new Map<string, string>();
  /** Every body the app answered with, to prove no token ever reaches the browser. */
  readonly bodies: string[] = [];

  constructor(
    readonly handle: Handle,
    readonly routes: Record<string, Route> = {},
  ) {}

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Applies `Set-Cookie` headers as a browser does (`Max-Age=0` deletes). */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/Max-Age=0(;|$)/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** One request through the handle (and `resolve` → the route registered for its path). */
  async request(
    path: string,
    init: RequestInit = {},
    options: Parameters<typeof respond>[3] & { route?: Route } = {},
  ): Promise<Exchange> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0 && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    const request = new Request(new URL(path, APP_ORIGIN), { ...init, headers });
    const route = options.route ?? this.routes[new URL(request.url).pathname];
    const exchange = await respond(this.handle, request, route, options);
    this.store(exchange.response);
    this.bodies.push(await exchange.response.clone().text());
    return exchange;
  }

  /** Follows redirects between the app (in-process) and the mock (HTTP), like a browser. */
  async navigate(start: string): Promise<{ url: URL; exchange: Exchange | null }> {
    let url = new URL(start, APP_ORIGIN);
    let last: Exchange | null = null;
    for (let hop = 0; hop < 10; hop++) {
      let location: string | null;
      if (url.origin === APP_ORIGIN) {
        last = await this.request(url.pathname + url.search);
        location = last.response.headers.get('location');
        if (!location || last.response.status < 300 || last.response.status >= 400)
          return { url, exchange: last };
      } else {
        if (url.hostname !== '127.0.0.1') throw new Error(`left loopback: ${url}`);
        const response = await fetch(url, { redirect: 'manual' });
        location = response.headers.get('location');
        if (!location) return { url, exchange: null };
      }
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  /** Signs in through the mock (its consent must be `approve`); returns where the flow ended. */
  async signIn(query = ''): Promise<URL> {
    return (await this.navigate(`/auth/login${query}`)).url;
  }
}
