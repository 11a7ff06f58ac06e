import { ConfigProblems } from '../config';
import { checkEndpointUrl, LIVEPUSH_ENDPOINTS, type LivepushEndpoints } from '../endpoints';
import type { LivepushScope } from '../scopes';
import { type FetchLike, resolveFetch } from '../transport';
import type { ApiTarget } from './call';

/** Options of `createLivepushApi`. */
export interface LivepushApiOptions {
  /** Returns the current access token (the server handler passes one that refreshes when due). */
  getAccessToken: () => Promise<string>;
  /**
   * Returns a new access token after Livepush answered 401; called once per rejected token, then
   * the call is retried once. Without it a 401 throws `LivepushApiError` with status 401.
   */
  refreshAccessToken?: () => Promise<string>;
  /**
   * The scopes the session was granted. When given, a call whose endpoint needs a scope the
   * session lacks throws `missing_scopes` before any request is made.
   */
  getScopes?: () => readonly LivepushScope[] | Promise<readonly LivepushScope[]>;
  /**
   * API base URLs; default Livepush's (`https://squid.livepush.io`, `https://octopus.livepush.io`,
   * `https://vod-web-import-api.livepush.io`).
   */
  endpoints?: Partial<Pick<LivepushEndpoints, 'accountsApi' | 'streamsApi' | 'vodImportApi'>>;
  /** The `fetch` to use. Default: the global `fetch`. */
  fetch?: FetchLike;
  /** Timeout of each request attempt (body included) in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** The clock, in epoch milliseconds, for `Retry-After` dates. Default `Date.now`. */
  now?: () => number;
}

const FUNCTIONS = ['getAccessToken', 'refreshAccessToken', 'getScopes', 'fetch', 'now'] as const;
const APIS = ['accountsApi', 'streamsApi', 'vodImportApi'] as const;

/**
 * Validates `createLivepushApi` options, listing every problem at once.
 * @throws {LivepushAuthError} `invalid_config`.
 * @internal
 */
export function resolveApiOptions(options: LivepushApiOptions): ApiTarget {
  const problems = new ConfigProblems();
  if (typeof options !== 'object' || options === null) {
    problems.add('options must be an object with at least getAccessToken.');
    problems.throwIfAny('createLivepushApi');
  }
  if (typeof options.getAccessToken !== 'function') {
    problems.add('getAccessToken must be a function returning a Promise of the access token.');
  }
  for (const name of FUNCTIONS) {
    if (options[name] !== undefined && typeof options[name] !== 'function')
      problems.add(`${name} must be a function.`);
  }
  if (
    options.endpoints !== undefined &&
    (typeof options.endpoints !== 'object' || options.endpoints === null)
  ) {
    problems.add('endpoints must be an object { accountsApi?, streamsApi?, vodImportApi? }.');
  }
  const endpoints = Object.fromEntries(
    APIS.map((name) => [name, options.endpoints?.[name] ?? LIVEPUSH_ENDPOINTS[name]]),
  ) as Record<(typeof APIS)[number], string>;
  for (const name of APIS) problems.add(checkEndpointUrl(`endpoints.${name}`, endpoints[name]));
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    problems.add('timeoutMs must be a positive number of milliseconds.');
  }
  problems.throwIfAny('createLivepushApi');
  return {
    endpoints,
    fetch: resolveFetch(options.fetch),
    timeoutMs,
    now: options.now ?? Date.now,
  };
}
