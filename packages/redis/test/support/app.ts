import { createLivepushAuth, type LivepushAuth, type LivepushAuthOptions } from '@livepush/auth-core/server';
import { type MockLivepush, type MockLivepushOptions, startMockLivepush } from '@livepush/mock-server';

/** The app's origin: handlers run in-process, Livepush (the mock) over real HTTP on loopback. */
export const APP_ORIGIN = 'http://127.0.0.1:3000';
export const SECRET = 'redis-test-session-secret-0123456789-abcdef';

const silent = { debug() {}, warn() {}, error() {} };

/** Options of one app instance pointed at `mock`. */
export function appOptions(
  mock: MockLivepush,
  extra: Partial<LivepushAuthOptions> = {},
): LivepushAuthOptions {
  return {
    clientId: 'livepush-demo-client',
    clientSecret: 'livepush-demo-secret-not-for-production',
    redirectUri: `${APP_ORIGIN}/auth/callback`,
    secret: SECRET,
    scopes: ['profile.read', 'streams.read'],
    endpoints: mock.endpoints,
    logger: silent,
    ...extra,
  };
}

/** A cookie jar for one browser on the app's origin. */
export class Browser {
  readonly jar = new Map<string, string>();

  constructor(readonly auth: LivepushAuth) {}

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Applies Set-Cookie headers as a browser would (Max-Age=0 or an empty value deletes). */
  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/Max-Age=0(;|$)/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** One request to `auth` (default: this browser's app) with the jar's cookies. */
  async app(path: string, init: RequestInit = {}, auth: LivepushAuth = this.auth): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await auth.handler(new Request(new URL(path, APP_ORIGIN), { ...init, headers }));
    this.keep(response);
    return response;
  }

  /** Signs in through the mock (consent 'approve'), following redirects between the app and the mock. */
  async signIn(): Promise<void> {
    let url = new URL('/auth/login', APP_ORIGIN);
    for (let hop = 0; hop < 10; hop++) {
      const isApp = url.origin === APP_ORIGIN;
      if (isApp && !url.pathname.startsWith('/auth/')) return;
      const response = isApp
        ? await this.app(url.pathname + url.search)
        : await fetch(url, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (!location) throw new Error(`sign-in stopped at ${url} with ${response.status}`);
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  async session(auth: LivepushAuth = this.auth): Promise<Record<string, unknown>> {
    return (await this.app('/auth/session', {}, auth)).json() as Promise<Record<string, unknown>>;
  }

  /** POST logout as a same-origin fetch. */
  logout(auth: LivepushAuth = this.auth): Promise<Response> {
    return this.app(
      '/auth/logout',
      { method: 'POST', headers: { origin: APP_ORIGIN, accept: 'application/json' } },
      auth,
    );
  }
}

/** Starts the mock Livepush with consent auto-approved. */
export function startMock(options: MockLivepushOptions = {}): Promise<MockLivepush> {
  return startMockLivepush({ consent: 'approve', ...options });
}

export { createLivepushAuth };
