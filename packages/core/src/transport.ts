import type { FetchLike } from './config';
import { LivepushAuthError } from './errors';

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
