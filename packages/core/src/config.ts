import {
  checkEndpointUrl,
  LIVEPUSH_ENDPOINTS,
  type LivepushEndpointOverrides,
  type LivepushEndpoints,
} from './endpoints';
import { LivepushAuthError } from './errors';
import { type LivepushScope, parseScopes, type ScopesInput } from './scopes';
import { type FetchLike, resolveFetch } from './transport';
import { type OptionNames, unknownOptionProblems } from './unknown-options';

/** How the token request is sent: Livepush documents a GET with every parameter in the query. */
export type TokenRequestMethod = 'GET' | 'POST';

/**
 * How the client authenticates at the token endpoint (RFC 6749 §2.3.1): `client_secret_post` sends
 * `client_id` and `client_secret` as parameters (in the query of Livepush's GET, or in the POST form);
 * `client_secret_basic` sends them in an HTTP Basic `Authorization` header, which every OAuth 2.0
 * server must support — it needs `tokenRequestMethod: 'POST'`.
 */
export type TokenEndpointAuthMethod = 'client_secret_post' | 'client_secret_basic';

/** Options that describe your Livepush OAuth application. */
export interface OAuthClientOptions {
  /** Client ID from the Livepush Developer Console. */
  clientId: string;
  /** Client Secret from the Livepush Developer Console. Server-side only: never ship it to a browser. */
  clientSecret: string;
  /** The absolute redirect URI registered for the app (for the server handler: `{origin}{basePath}/callback`). */
  redirectUri: string;
  /** Scopes requested by default. Default: `['profile.read']`. */
  scopes?: ScopesInput | undefined;
  /** Endpoint overrides; unspecified ones default to Livepush's ({@link LIVEPUSH_ENDPOINTS}). */
  endpoints?: LivepushEndpointOverrides | undefined;
  /** Token request method. Default `'GET'` (documented); `'POST'` sends an RFC 6749 form. */
  tokenRequestMethod?: TokenRequestMethod | undefined;
  /**
   * Client authentication at the token endpoint. Default `'client_secret_post'` (parameters, as
   * Livepush documents); `'client_secret_basic'` (HTTP Basic) needs `tokenRequestMethod: 'POST'`.
   */
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod | undefined;
  /** Separator of the `scope` parameter. Default `' '` (RFC 6749); some integrations use `','`. */
  scopeSeparator?: ' ' | ',' | undefined;
  /** Send PKCE (S256). Default `true`: servers that ignore it lose nothing (RFC 7636). */
  pkce?: boolean | undefined;
  /** Timeout of each request to Livepush, in milliseconds. Default 10 000. */
  timeoutMs?: number | undefined;
  /** Lifetime assumed when a token response has no `expires_in`, in seconds. Default 3600. */
  defaultExpiresInSeconds?: number | undefined;
  /** The `fetch` to use. Default: the global `fetch`. */
  fetch?: FetchLike | undefined;
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** A validated, frozen client configuration, as every protocol function takes it. */
export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly scopes: readonly LivepushScope[];
  readonly endpoints: Readonly<LivepushEndpoints>;
  readonly tokenRequestMethod: TokenRequestMethod;
  readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  readonly scopeSeparator: ' ' | ',';
  readonly pkce: boolean;
  readonly timeoutMs: number;
  readonly defaultExpiresInSeconds: number;
  readonly fetch: FetchLike;
  readonly now: () => number;
}

/**
 * Collects problems into one `invalid_config` error, so a misconfigured app learns everything at once.
 * @internal
 */
export class ConfigProblems {
  readonly list: string[] = [];
  add(problem: string | null): void {
    if (problem) this.list.push(problem);
  }
  throwIfAny(what: string): void {
    if (this.list.length === 0) return;
    throw new LivepushAuthError(
      'invalid_config',
      `Invalid ${what} options:\n- ${this.list.join('\n- ')}\nFix them where you call ${what}().`,
    );
  }
}

/** Every option of {@link OAuthClientOptions}, for the unknown-key check. @internal */
export const OAUTH_CLIENT_OPTION_NAMES = {
  clientId: true,
  clientSecret: true,
  redirectUri: true,
  scopes: true,
  endpoints: true,
  tokenRequestMethod: true,
  tokenEndpointAuthMethod: true,
  scopeSeparator: true,
  pkce: true,
  timeoutMs: true,
  defaultExpiresInSeconds: true,
  fetch: true,
  now: true,
} as const satisfies { [K in keyof Required<OAuthClientOptions>]: true } & OptionNames;

const ENDPOINT_NAMES = {
  authorize: true,
  token: true,
  accountsApi: true,
  streamsApi: true,
  vodImportApi: true,
  issuer: true,
} as const satisfies { [K in keyof Required<LivepushEndpoints>]: true } & OptionNames;

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function positiveNumber(value: unknown, fallback: number): number | null {
  if (value === undefined) return fallback;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * Validates the OAuth options once and returns the frozen client every protocol function takes.
 *
 * @throws {LivepushAuthError} `invalid_config` listing every problem at once.
 * @example
 * ```ts
 * const client = createOAuthClient({ clientId, clientSecret, redirectUri: 'https://app.example/auth/callback' })
 * ```
 */
export function createOAuthClient(options: OAuthClientOptions): OAuthClient {
  const problems = new ConfigProblems();
  const client = resolveOAuthClient(options, problems);
  for (const problem of unknownOptionProblems(options, OAUTH_CLIENT_OPTION_NAMES)) problems.add(problem);
  problems.throwIfAny('createOAuthClient');
  return client;
}

/**
 * Validates OAuth options into `problems` (so a caller can add its own before throwing).
 * @internal
 */
export function resolveOAuthClient(options: OAuthClientOptions, problems: ConfigProblems): OAuthClient {
  if (typeof options !== 'object' || options === null) {
    throw new LivepushAuthError(
      'invalid_config',
      'Options must be an object with clientId, clientSecret and redirectUri.',
    );
  }
  if (!nonEmptyString(options.clientId))
    problems.add('clientId must be a non-empty string (from the Livepush Developer Console).');
  if (!nonEmptyString(options.clientSecret)) {
    problems.add(
      'clientSecret must be a non-empty string (from the Livepush Developer Console; keep it server-side).',
    );
  }
  problems.add(checkEndpointUrl('redirectUri', options.redirectUri));
  let scopes: LivepushScope[] = ['profile.read'];
  if (options.scopes !== undefined) {
    try {
      scopes = parseScopes(options.scopes);
      if (scopes.length === 0) problems.add('scopes must name at least one Livepush scope.');
    } catch (error) {
      problems.add(`scopes: ${(error as Error).message}`);
    }
  }
  const endpoints: LivepushEndpoints = { ...LIVEPUSH_ENDPOINTS };
  if (typeof options.endpoints === 'object' && options.endpoints !== null) {
    for (const problem of unknownOptionProblems(options.endpoints, ENDPOINT_NAMES, { group: 'endpoints.' }))
      problems.add(problem);
    // An explicit `undefined` means "the default", as for every option.
    for (const [key, value] of Object.entries(options.endpoints))
      if (value !== undefined && Object.hasOwn(ENDPOINT_NAMES, key))
        endpoints[key as keyof LivepushEndpoints] = value;
  } else if (options.endpoints !== undefined) {
    problems.add(
      'endpoints must be an object { authorize, token, accountsApi, streamsApi, vodImportApi, issuer? }.',
    );
  }
  for (const key of ['authorize', 'token', 'accountsApi', 'streamsApi', 'vodImportApi'] as const) {
    problems.add(checkEndpointUrl(`endpoints.${key}`, endpoints[key]));
  }
  if (endpoints.issuer !== undefined) problems.add(checkEndpointUrl('endpoints.issuer', endpoints.issuer));
  const method = options.tokenRequestMethod ?? 'GET';
  if (method !== 'GET' && method !== 'POST') problems.add(`tokenRequestMethod must be 'GET' or 'POST'.`);
  const authMethod = options.tokenEndpointAuthMethod ?? 'client_secret_post';
  if (authMethod !== 'client_secret_post' && authMethod !== 'client_secret_basic') {
    problems.add(`tokenEndpointAuthMethod must be 'client_secret_post' or 'client_secret_basic'.`);
  } else if (authMethod === 'client_secret_basic' && method !== 'POST') {
    problems.add(
      `tokenEndpointAuthMethod 'client_secret_basic' needs tokenRequestMethod: 'POST' (Livepush's documented GET carries the credentials in its query).`,
    );
  }
  const separator = options.scopeSeparator ?? ' ';
  if (separator !== ' ' && separator !== ',') problems.add(`scopeSeparator must be ' ' or ','.`);
  const timeoutMs = positiveNumber(options.timeoutMs, 10_000);
  if (timeoutMs === null) problems.add('timeoutMs must be a positive number of milliseconds.');
  const defaultExpires = positiveNumber(options.defaultExpiresInSeconds, 3600);
  if (defaultExpires === null) problems.add('defaultExpiresInSeconds must be a positive number.');
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    problems.add('fetch must be a function.');
  if (options.now !== undefined && typeof options.now !== 'function')
    problems.add('now must be a function returning epoch ms.');
  if (options.pkce !== undefined && typeof options.pkce !== 'boolean')
    problems.add('pkce must be a boolean.');
  return Object.freeze({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: options.redirectUri,
    scopes: Object.freeze(scopes),
    endpoints: Object.freeze(endpoints),
    tokenRequestMethod: method,
    tokenEndpointAuthMethod: authMethod,
    scopeSeparator: separator,
    pkce: options.pkce ?? true,
    timeoutMs: timeoutMs ?? 10_000,
    defaultExpiresInSeconds: defaultExpires ?? 3600,
    fetch: resolveFetch(options.fetch),
    now: options.now ?? Date.now,
  });
}
