import { joinUrl, type LivepushEndpoints } from '../endpoints';
import { LivepushAuthError } from '../errors';
import { type LivepushScope, missingScopes } from '../scopes';
import { type Exchange, exchange, type FetchLike, parseJsonBody } from '../transport';
import type { LivepushApiName } from './api-for-path';
import { requiredScopeFor } from './endpoints-table';
import { apiErrorOf } from './errors';
import { checkApiPath } from './path';

/**
 * The one HTTP path to the Livepush API with a token. The typed client and the browser proxy
 * (`{basePath}/api/*`) both call through here: path check, scope check, bearer token, one refresh
 * and one retry on a 401 that says the token is invalid (at most once per token), one deadline for
 * the request and its (bounded) answer, typed transport errors.
 */

/** Where calls go and how they are sent: resolved once (per handler, or per `createLivepushApi`). @internal */
export interface ApiTarget {
  readonly endpoints: Readonly<Pick<LivepushEndpoints, 'accountsApi' | 'streamsApi' | 'vodImportApi'>>;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly now: () => number;
}

/** Who a call acts for. @internal */
export interface ApiSession {
  /**
   * The access token to send (refreshed first when due, for a server session) and the scopes it was
   * granted, read together once per call; without `scopes` nothing is checked locally and Livepush decides.
   */
  credentials(): Promise<{ accessToken: string; scopes?: readonly LivepushScope[] }>;
  /** A new access token after Livepush answered 401 to `rejected`; without it that 401 is the answer. */
  refresh?(rejected: string): Promise<string>;
}

/** One call: `path` is the API path, a query string allowed. @internal */
export interface ApiCall {
  readonly api: LivepushApiName;
  /** Upper case. */
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The body, or a function that reads it once the path, session and scope have passed. */
  readonly body?: BodyInit | null | (() => Promise<BodyInit | null>);
  readonly signal?: AbortSignal | null;
  /** The most bytes of the answer read (default 8 MB); past it the call fails with `invalid_response`. */
  readonly maxAnswerBytes?: number;
}

/** A call's answer, read to the end, and the tokens it was sent with (to keep out of errors). @internal */
export interface ApiAnswer extends Exchange {
  readonly tokens: readonly string[];
}

/** The API layer of one handler (or one `createLivepushApi`): created once, shared by every call. @internal */
export interface ApiCaller {
  readonly target: ApiTarget;
  /** The raw answer, whatever its status: for the browser proxy, which passes it on. */
  call(session: ApiSession, call: ApiCall): Promise<ApiAnswer>;
  /** The parsed JSON of a 2xx answer (`undefined` when empty); an error status throws `LivepushApiError`. */
  json<T>(session: ApiSession, call: ApiCall): Promise<T>;
}

const BASES = { accounts: 'accountsApi', streams: 'streamsApi', vod: 'vodImportApi' } as const;
const text = new TextDecoder();
/** How many refused-after-refresh tokens a handler remembers (bounded memory). */
const DISTRUSTED_MAX = 1000;

/** The `error` of the `Bearer` challenge in a `WWW-Authenticate` header; `''` for one without. */
function bearerError(header: string): string | undefined {
  // Challenges are comma-separated, as are their parameters: a new one starts with `scheme param=`.
  for (const challenge of header.split(/,(?=\s*[!#$%&'*+.^`|~\w-]+\s+[!#$%&'*+.^`|~\w-]+\s*=)/)) {
    const match = /^\s*bearer(?:\s+|$)(.*)$/is.exec(challenge);
    if (match) return /(?:^|[\s,])error\s*=\s*"?([^",\s]*)/i.exec(match[1]!)?.[1]?.toLowerCase() ?? '';
  }
  return undefined;
}

/**
 * True when a 401 says the access token itself is invalid or expired, so a new one may help:
 * `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3.1), or Livepush's documented bare
 * 401 (no challenge at all: "requests without a valid token are rejected"). A Bearer challenge with
 * another error (`insufficient_scope`, `invalid_request`) or none, or only another scheme (a
 * gateway's `Basic`), is not about our token: refreshing would only spend a grant.
 * @internal
 */
export function saysTokenInvalid(headers: Headers): boolean {
  const header = headers.get('www-authenticate');
  if (header === null || header.trim() === '') return true;
  return bearerError(header) === 'invalid_token';
}

function checkScopes(granted: readonly LivepushScope[] | undefined, { api, method, path }: ApiCall): void {
  if (granted === undefined) return;
  const scope = requiredScopeFor(method, api, path);
  if (scope === undefined) return;
  const missing = missingScopes(granted, [scope]);
  if (missing.length === 0) return;
  throw new LivepushAuthError(
    'missing_scopes',
    `${method} ${path.split('?')[0]} needs the ${scope} scope, which this session was not granted. Sign the user in again asking for it (incremental consent).`,
    { missingScopes: missing },
  );
}

/** Creates the API layer over a resolved target. @internal */
export function createApiCaller(target: ApiTarget): ApiCaller {
  const label = ({ method, path }: ApiCall) => `${method} ${path.split('?')[0]}`;
  /**
   * Tokens Livepush refused right after a refresh issued them: their 401s are about the call, not
   * the token, so they never cause another refresh (a path that always answers 401 costs one grant,
   * not one per request). They still refresh when they come due.
   */
  const distrusted = new Set<string>();
  const distrust = (token: string) => {
    distrusted.add(token);
    if (distrusted.size > DISTRUSTED_MAX) distrusted.delete(distrusted.values().next().value as string);
  };

  async function call(session: ApiSession, request: ApiCall): Promise<ApiAnswer> {
    checkApiPath(request.path);
    const { accessToken, scopes } = await session.credentials();
    checkScopes(scopes, request);
    const body = typeof request.body === 'function' ? await request.body() : (request.body ?? null);
    const url = joinUrl(target.endpoints[BASES[request.api]], request.path);
    const send = (token: string) =>
      exchange(
        target.fetch,
        target.timeoutMs,
        url,
        {
          method: request.method,
          headers: { ...request.headers, authorization: `Bearer ${token}` },
          body,
          signal: request.signal ?? null,
        },
        label(request),
        request.maxAnswerBytes,
      );
    const tokens = [accessToken];
    let answer = await send(accessToken);
    // One refresh and one retry, only when Livepush says the token is bad, at most once per token.
    if (
      answer.response.status === 401 &&
      session.refresh !== undefined &&
      saysTokenInvalid(answer.response.headers) &&
      !distrusted.has(accessToken)
    ) {
      const renewed = await session.refresh(accessToken);
      tokens.push(renewed);
      answer = await send(renewed);
      if (answer.response.status === 401) distrust(renewed);
    }
    return { ...answer, tokens };
  }

  return {
    target,
    call,
    async json<T>(session: ApiSession, request: ApiCall): Promise<T> {
      const { response, body, tokens } = await call(session, request);
      const where = label(request);
      const said = text.decode(body);
      if (!response.ok) {
        const path = where.slice(request.method.length + 1);
        throw apiErrorOf(response, said, { method: request.method, path }, tokens, target.now());
      }
      return parseJsonBody(response, said, where) as T;
    },
  };
}

/**
 * Shares one refresh among calls refused the same token, including calls whose 401 arrives after
 * the refresh finished: they get its result instead of refreshing again. A failed refresh is forgotten.
 * @internal
 */
export function singleFlightRefresh(refresh: () => Promise<string>): (rejected: string) => Promise<string> {
  let last: { rejected: string; next: Promise<string> } | undefined;
  return (rejected) => {
    if (last?.rejected === rejected) return last.next;
    const flight = { rejected, next: refresh() };
    last = flight;
    flight.next.catch(() => {
      if (last === flight) last = undefined;
    });
    return flight.next;
  };
}
