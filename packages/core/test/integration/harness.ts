import { type MockLivepush, type MockLivepushOptions, startMockLivepush } from '@livepush/mock-server';
import { onTestFinished } from 'vitest';
import { createLivepushAuth, type LivepushAuth, type LivepushAuthOptions } from '../../src/server/index';

/** The app's origin in these tests: the handler runs in-process, Livepush (the mock) over real HTTP. */
export const APP_ORIGIN = 'http://127.0.0.1:3000';
export const SECRET = 'test-session-secret-0123456789-abcdefghij';

/** A cookie jar for one browser profile on the app's origin. */
export class Browser {
  readonly jar = new Map<string, string>();
  /** Every response body the app sent, to check that no token ever leaves the server. */
  readonly bodies: string[] = [];
  /** Every Location the app redirected to. */
  readonly locations: string[] = [];

  constructor(readonly auth: LivepushAuth) {}

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Applies Set-Cookie headers as a browser would (Max-Age=0 deletes). */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/Max-Age=0(;|$)/i.test(line) || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /** One request to the app's handler, with the jar's cookies. */
  async app(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await this.auth.handler(new Request(new URL(path, APP_ORIGIN), { ...init, headers }));
    this.store(response);
    const location = response.headers.get('location');
    if (location) this.locations.push(location);
    const text = await response.clone().text();
    this.bodies.push(text);
    return response;
  }

  /**
   * Navigates like a browser: follows redirects between the app (in-process) and Livepush (HTTP).
   * Returns the final URL and response (the first one outside both, e.g. an app page, is not fetched).
   */
  async navigate(start: string): Promise<{ url: URL; response: Response | null }> {
    let url = new URL(start, APP_ORIGIN);
    for (let hop = 0; hop < 10; hop++) {
      const isAuthRoute = url.origin === APP_ORIGIN && url.pathname.startsWith(`${this.auth.basePath}/`);
      if (url.origin === APP_ORIGIN && !isAuthRoute) return { url, response: null };
      // Tests never leave loopback: a redirect anywhere else ends the navigation unfetched.
      if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return { url, response: null };
      const response = isAuthRoute
        ? await this.app(url.pathname + url.search)
        : await fetch(url, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url, response };
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  /** Signs in through the mock (consent must be 'approve'); returns where the flow ended. */
  async signIn(query = ''): Promise<URL> {
    const { url } = await this.navigate(`/auth/login${query}`);
    return url;
  }

  async session(): Promise<Record<string, unknown>> {
    return (await this.app('/auth/session')).json() as Promise<Record<string, unknown>>;
  }
}

/** A mock Livepush and an auth server pointed at it. Close the mock after the test. */
export async function setup(
  options: { mock?: MockLivepushOptions; auth?: Partial<LivepushAuthOptions> } = {},
): Promise<{ mock: MockLivepush; auth: LivepushAuth; browser: Browser; close: () => Promise<void> }> {
  const mock = await startMockLivepush({ consent: 'approve', ...options.mock });
  const auth = createLivepushAuth({
    clientId: 'livepush-demo-client',
    clientSecret: 'livepush-demo-secret-not-for-production',
    redirectUri: `${APP_ORIGIN}/auth/callback`,
    secret: SECRET,
    scopes: ['profile.read', 'streams.read'],
    endpoints: mock.endpoints,
    logger: { debug() {}, warn() {}, error() {} },
    ...options.auth,
  });
  return { mock, auth, browser: new Browser(auth), close: () => mock.close() };
}

/** {@link setup} for one test: the mock server is closed when the test finishes. */
export async function setupTest(options: Parameters<typeof setup>[0] = {}): ReturnType<typeof setup> {
  const env = await setup(options);
  onTestFinished(() => env.close());
  return env;
}
