import { createHash, randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';
import { DEFAULT_CLIENT, type MockLivepush, type MockLivepushOptions, startMockLivepush } from '../src/index';

/** A redirect URI the default client accepts (any loopback port). */
export const REDIRECT_URI = 'http://127.0.0.1:5173/auth/callback';

const running = new Set<MockLivepush>();

afterEach(async () => {
  await Promise.all([...running].map((mock) => mock.close()));
  running.clear();
});

/** Starts a mock that is closed after the current test. */
export async function startMock(options: MockLivepushOptions = {}): Promise<MockLivepush> {
  const mock = await startMockLivepush(options);
  running.add(mock);
  return mock;
}

/** A fresh PKCE pair (RFC 7636, S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** `GET /oauth2/authorize` with `params`, redirects not followed. */
export function authorize(mock: MockLivepush, params: Record<string, string>): Promise<Response> {
  const url = new URL(mock.endpoints.authorize);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  return fetch(url, { redirect: 'manual' });
}

/** Valid authorization parameters for the default client, overridable. */
export function authorizeParams(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    client_id: DEFAULT_CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'profile.read streams.read',
    state: 'st4te-123',
    ...overrides,
  };
}

/** The query of a 302's Location, asserting it goes back to `redirectUri`. */
export function redirectQuery(response: Response, redirectUri = REDIRECT_URI): URLSearchParams {
  if (response.status !== 302) throw new Error(`expected a 302, got ${response.status}`);
  const location = new URL(response.headers.get('location') ?? '');
  const expected = new URL(redirectUri);
  if (location.origin + location.pathname !== expected.origin + expected.pathname) {
    throw new Error(`redirected to ${location.href}, expected ${redirectUri}`);
  }
  return location.searchParams;
}

/** Runs the authorize step with the consent mode set to approve and returns the code. */
export async function obtainCode(
  mock: MockLivepush,
  overrides: Record<string, string> = {},
): Promise<string> {
  mock.setConsent('approve');
  const query = redirectQuery(await authorize(mock, authorizeParams(overrides)), overrides.redirect_uri);
  const code = query.get('code');
  if (code === null) throw new Error(`no code in the redirect: ${query}`);
  return code;
}

/** The documented token request: `GET` with every parameter in the query. */
export function tokenGet(
  mock: MockLivepush,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const url = new URL(mock.endpoints.token);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  return fetch(url, { headers });
}

/** The RFC 6749 token request: `POST` with a form body. */
export function tokenPost(
  mock: MockLivepush,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(mock.endpoints.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
}

/** The default client's credentials as parameters. */
export const CLIENT_PARAMS = {
  client_id: DEFAULT_CLIENT.clientId,
  client_secret: DEFAULT_CLIENT.clientSecret,
};

/** An RFC 6749 §2.3.1 Basic header: id and secret form-urlencoded, then base64. */
export function basicAuth(id: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replaceAll('%20', '+');
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}

/** The token response body, typed loosely for assertions. */
export interface TokenBody {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

/** The JSON body of an error response. */
export interface ErrorBody {
  error?: string;
  error_description?: string;
  message?: string;
}

/** Exchanges a code with the documented GET request and returns the tokens (asserting 200). */
export async function exchangeCode(
  mock: MockLivepush,
  code: string,
  extra: Record<string, string> = {},
): Promise<TokenBody> {
  const response = await tokenGet(mock, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    ...CLIENT_PARAMS,
    ...extra,
  });
  if (response.status !== 200)
    throw new Error(`code exchange failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenBody;
}

/** A refresh with the documented-by-integrations GET request. */
export function refreshGet(mock: MockLivepush, refreshToken: string, extra: Record<string, string> = {}) {
  return tokenGet(mock, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    ...CLIENT_PARAMS,
    ...extra,
  });
}

/** An API call with a bearer token. */
export function callApi(
  base: string,
  path: string,
  token: string | undefined,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  return fetch(`${base}${path}`, { ...init, headers });
}

/** The claims of a JWT (no verification). */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
