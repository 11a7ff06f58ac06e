import { LivepushAuthError } from './errors';

/**
 * The one road to Livepush: every request core sends (token grants, API calls, the browser proxy)
 * goes through {@link sendRequest} here, and what comes back is read with the helpers beside it
 * (`Retry-After`, redaction of server text, JSON bodies). Nothing else in core calls `fetch`.
 */

/** The `fetch` signature Livepush Auth needs; pass your own to add tracing, proxies or test doubles. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The injected `fetch`, or the global one (looked up at call time, so a test or polyfill that
 * replaces it later is honoured).
 * @internal
 */
export function resolveFetch(fetch: FetchLike | undefined): FetchLike {
  return fetch ?? ((input, init) => globalThis.fetch(input, init));
}

/** Connection failures that happen before a request is sent: retrying them cannot replay anything. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The failure's system code (`ECONNREFUSED`, …) when there is one, else its name. */
function failureName(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  const code = typeof inner === 'object' && inner !== null && 'code' in inner ? String(inner.code) : '';
  if (/^[A-Z][A-Z0-9_]+$/.test(code)) return code;
  return cause instanceof Error ? cause.name : 'unknown failure';
}

/**
 * True for a `network_error` whose request never left this machine (refused, unresolvable): the
 * only transport failure after which a non-idempotent request may be retried.
 * @internal
 */
export function neverReachedServer(error: LivepushAuthError): boolean {
  return error.code === 'network_error' && error.cause instanceof Error && NEVER_SENT.has(error.cause.name);
}

/**
 * Sends one request to Livepush with a timeout, never following redirects (a token URL carries the
 * client secret), turning transport failures into `timeout` or `network_error`. Errors never carry
 * the URL or headers: only the failure's code. A caller's own `signal` aborting rethrows its reason.
 * The timeout also covers reading the body, unless the caller passes its own `deadline` signal.
 * @internal
 */
export async function sendRequest(
  fetch: FetchLike,
  timeoutMs: number,
  url: string | URL,
  init: RequestInit,
  label: string,
  deadline?: AbortSignal,
): Promise<Response> {
  // `deadline`: a timeout signal the caller owns (and clears once it has read the body).
  const timeout = deadline ?? AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  try {
    return await fetch(url, { ...init, signal, redirect: 'manual' });
  } catch (cause) {
    throw transportError(cause, init.signal, timeout.aborted, timeoutMs, label);
  }
}

/** A response read to the end: the status and headers, and the whole body. @internal */
export interface Exchange {
  readonly response: Response;
  readonly body: Uint8Array<ArrayBuffer>;
}

/**
 * {@link sendRequest}, then reads the whole body, both under one deadline of `timeoutMs` (a plain
 * timer: cheaper than `AbortSignal.timeout` on a hot path such as the browser proxy).
 * @internal
 */
export async function exchange(
  fetch: FetchLike,
  timeoutMs: number,
  url: string | URL,
  init: RequestInit,
  label: string,
): Promise<Exchange> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    const response = await sendRequest(fetch, timeoutMs, url, init, label, deadline.signal);
    try {
      return { response, body: new Uint8Array(await response.arrayBuffer()) };
    } catch (cause) {
      throw transportError(cause, init.signal, deadline.signal.aborted, timeoutMs, label);
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The typed error for a failed send or body read.
 * @internal
 */
export function transportError(
  cause: unknown,
  callerSignal: AbortSignal | null | undefined,
  timedOut: boolean,
  timeoutMs: number,
  label: string,
): unknown {
  if (callerSignal?.aborted) return callerSignal.reason;
  const isAbort = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
  if (timedOut || isAbort) {
    return new LivepushAuthError(
      'timeout',
      `Livepush did not answer ${label} within ${timeoutMs} ms. This is usually temporary: try again.`,
      { cause: new Error('timeout') },
    );
  }
  const name = failureName(cause);
  // Keep the failure's code, never its message: some runtimes put the URL (with its query) there.
  const stripped = new Error(name);
  stripped.name = name;
  return new LivepushAuthError(
    'network_error',
    `Could not reach Livepush for ${label} (${name}). Check the network and the endpoint URLs, then try again.`,
    { cause: stripped },
  );
}

/**
 * Seconds from a `Retry-After` header, delta-seconds or HTTP date (RFC 9110 §10.2.3) alike; a date
 * in the past is 0. `undefined` when absent or unreadable.
 * @internal
 */
export function retryAfterSeconds(headers: Headers, now: number): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d{1,6}$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Server text made safe to keep in an error or show to people: control characters removed, then
 * every occurrence of a secret (a token, the client secret, a code: anything a server may echo back)
 * replaced by `[redacted]`, then cut to `max` characters. Values shorter than 6 characters are not
 * secrets we hold and would shred the text, so they are left alone.
 * @internal
 */
export function redact(text: string, secrets: readonly (string | undefined)[], max: number): string {
  let out = text.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '');
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out.slice(0, max);
}

/**
 * Parses a 2xx body as JSON (`undefined` for an empty body or a 204).
 * @throws {LivepushAuthError} `invalid_response` for a body that is not JSON.
 * @internal
 */
export function parseJsonBody(response: Response, text: string, label: string): unknown {
  if (response.status === 204 || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new LivepushAuthError(
      'invalid_response',
      `Livepush answered ${label} with ${response.status} but the body is not JSON (${type.split(';')[0]}). This is usually a proxy or outage page: try again later.`,
      { status: response.status },
    );
  }
}
