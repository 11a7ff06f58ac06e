import type { LivepushScope } from '../scopes';
import type { LivepushApiName } from './api-for-path';
import { segmentProblem } from './path';

export { apiForPath, type LivepushApiName } from './api-for-path';

/** The HTTP methods the Livepush endpoints use. */
export type LivepushApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One documented Livepush endpoint and the scope it needs. */
export interface LivepushApiRoute {
  /** The HTTP method. */
  readonly method: LivepushApiMethod;
  /** The API (server) that serves it: `accounts` (`squid`), `streams` (`octopus`) or `vod` (VOD import). */
  readonly api: LivepushApiName;
  /** The path pattern; `{name}` stands for one path segment, e.g. `/streams/{streamId}`. */
  readonly path: string;
  /**
   * The scope the endpoint needs. Livepush does not document it: it is inferred from the scope
   * names (see `shared/livepush-api.md`), so treat it as a best guess.
   */
  readonly scope: LivepushScope;
}

const route = (
  method: LivepushApiMethod,
  api: LivepushApiName,
  path: string,
  scope: LivepushScope,
): LivepushApiRoute => Object.freeze({ method, api, path, scope });

/**
 * The Livepush endpoints the SDK knows, with the scope each needs (inferred: Livepush documents
 * the scopes, not which endpoint needs which). The API client and the server's `api/*` proxy both
 * check scopes against this table before calling Livepush.
 */
export const LIVEPUSH_API_ROUTES: readonly LivepushApiRoute[] = Object.freeze([
  route('GET', 'accounts', '/account/this', 'profile.read'),
  route('GET', 'accounts', '/account/subscriptions', 'subscriptions.read'),
  route('GET', 'streams', '/streams/mine', 'streams.read'),
  route('GET', 'streams', '/streams/me/destinations', 'streams.destinations.read'),
  route('GET', 'streams', '/streams/me/recordings', 'streams.videos.read'),
  route('POST', 'streams', '/streams', 'streams.create'),
  route('GET', 'streams', '/streams/{streamId}', 'streams.read'),
  route(
    'PUT',
    'streams',
    '/streams/{streamId}/destinations/{destinationId}/enable',
    'streams.destinations.write',
  ),
  route(
    'PUT',
    'streams',
    '/streams/{streamId}/destinations/{destinationId}/disable',
    'streams.destinations.write',
  ),
  route('PUT', 'streams', '/streams/{streamId}/config/scheduler/playlist', 'streams.write'),
  route('POST', 'vod', '/inspector/get_metadata', 'streams.videos.write'),
]);

/** A route compiled once: its segments, `null` where a parameter goes. */
interface CompiledRoute {
  readonly segments: readonly (string | null)[];
  readonly scope: LivepushScope;
}

/** Compiled routes by `METHOD api` and segment count; static routes come first, so they win. */
const COMPILED = new Map<string, CompiledRoute[]>();
for (const { method, api, path, scope } of LIVEPUSH_API_ROUTES) {
  const segments = path
    .slice(1)
    .split('/')
    .map((segment) => (segment.startsWith('{') ? null : segment));
  const key = `${method} ${api} ${segments.length}`;
  const list = COMPILED.get(key) ?? [];
  list.push({ segments, scope });
  COMPILED.set(key, list);
}
// Most specific first: static routes, then those whose first parameter comes later.
for (const list of COMPILED.values()) {
  list.sort((a, b) => specificity(b) - specificity(a));
}

function specificity(compiled: CompiledRoute): number {
  const first = compiled.segments.indexOf(null);
  return first === -1 ? Number.MAX_SAFE_INTEGER : first;
}

/**
 * The scope a Livepush endpoint needs, or `undefined` for an endpoint not in
 * {@link LIVEPUSH_API_ROUTES}. `path` is the API path (a query string is ignored); `HEAD` counts as
 * `GET`. Fast enough for a proxy's hot path: the table is compiled once, nothing is built per call.
 *
 * @example requiredScopeFor('GET', 'streams', '/streams/st_123') // 'streams.read'
 */
export function requiredScopeFor(
  method: string,
  api: LivepushApiName,
  path: string,
): LivepushScope | undefined {
  const end = path.search(/[?#]/);
  const pathname = end === -1 ? path : path.slice(0, end);
  if (pathname[0] !== '/') return undefined;
  const segments = pathname.slice(1).split('/');
  let upper = method.toUpperCase();
  if (upper === 'HEAD') upper = 'GET';
  const candidates = COMPILED.get(`${upper} ${api} ${segments.length}`);
  if (candidates === undefined) return undefined;
  for (const candidate of candidates) {
    if (matches(candidate.segments, segments)) return candidate.scope;
  }
  return undefined;
}

function matches(pattern: readonly (string | null)[], segments: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i];
    const actual = segments[i] as string;
    if (expected === null ? segmentProblem(actual) !== null : expected !== actual) return false;
  }
  return true;
}
