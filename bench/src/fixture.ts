import type { LivepushScope } from '@livepush/auth-core';
import { createLivepushAuth, type LivepushAuth, type LivepushAuthOptions } from '@livepush/auth-core/server';
import { DEFAULT_CLIENT, type MockLivepush, startMockLivepush } from '@livepush/mock-server';

/** The app's origin: the handler runs in-process; Livepush is the mock, over real HTTP on loopback. */
export const APP_ORIGIN = 'http://127.0.0.1:3000';
/** The session secret every benchmark app uses (sealing and opening must agree). */
export const SECRET = 'bench-session-secret-0123456789-abcdefghijklmnop';
/** A realistic grant: the profile, and reading and managing streams. */
export const SCOPES: LivepushScope[] = [
  'profile.read',
  'regions.read',
  'streams.read',
  'streams.write',
  'streams.create',
  'streams.videos.read',
];

type Endpoints = MockLivepush['endpoints'];

const silent = { debug() {}, warn() {}, error() {} };

/** Starts the mock (auto-approving consent), closed by the caller. */
export function startMock(): Promise<MockLivepush> {
  // JWT access tokens (~1 KB, as the API's `bearerFormat: JWT` suggests) size the sessions realistically.
  return startMockLivepush({ consent: 'approve', tokenFormat: 'jwt' });
}

/** An auth server for the benchmark app, pointed at `endpoints`. */
export function createAuth(endpoints: Endpoints, options: Partial<LivepushAuthOptions> = {}): LivepushAuth {
  return createLivepushAuth({
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    redirectUri: `${APP_ORIGIN}/auth/callback`,
    secret: SECRET,
    scopes: SCOPES,
    endpoints,
    logger: silent,
    ...options,
  });
}

/** A request from the browser that holds `cookie` (a `Cookie` header value). */
export function appRequest(path: string, cookie: string): Request {
  return new Request(new URL(path, APP_ORIGIN), { headers: { cookie } });
}

/** Keeps Set-Cookie values like a browser does (Max-Age=0 or an empty value deletes). */
function storeCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0]!;
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (/Max-Age=0(;|$)/i.test(line) || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([n, v]) => `${n}=${v}`).join('; ');

/**
 * Signs in through the handler like a browser: login → authorize (the mock approves at once, or
 * `authorize` answers in-process) → callback. Returns the session `Cookie` header value.
 */
export async function signIn(auth: LivepushAuth, authorize?: (url: URL) => URL): Promise<string> {
  const jar = new Map<string, string>();
  let url = new URL(`${auth.basePath}/login`, APP_ORIGIN);
  for (let hop = 0; hop < 6; hop++) {
    if (url.origin === APP_ORIGIN && !url.pathname.startsWith(`${auth.basePath}/`)) {
      if (url.searchParams.has('error')) throw new Error(`sign-in failed: ${url.search}`);
      const session = [...jar].filter(([name]) => !name.endsWith('_tx'));
      if (session.length === 0) throw new Error('sign-in set no session cookie');
      return session.map(([n, v]) => `${n}=${v}`).join('; ');
    }
    let response: Response;
    if (url.origin === APP_ORIGIN) {
      response = await auth.handler(new Request(url, { headers: { cookie: cookieHeader(jar) } }));
      storeCookies(jar, response);
    } else if (authorize) {
      url = authorize(url);
      continue;
    } else {
      response = await fetch(url, { redirect: 'manual' });
    }
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location)
      throw new Error(`sign-in stopped at ${url.pathname} with ${response.status}`);
    url = new URL(location, url);
  }
  throw new Error('sign-in: too many redirects');
}
