import type { FetchLike } from '../config';
import { LivepushAuthError } from '../errors';

/**
 * Sends one API request with a per-attempt timeout, turning transport failures into `timeout` or
 * `network_error`. A caller's own `signal` aborting rethrows its reason unchanged. Never puts the
 * URL or headers in an error.
 * @internal
 */
export async function sendApiRequest(
  fetch: FetchLike,
  timeoutMs: number,
  url: string,
  init: RequestInit,
  label: string,
): Promise<Response> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  try {
    return await fetch(url, { ...init, signal, redirect: 'manual' });
  } catch (cause) {
    throw transportError(cause, init.signal, timeout.aborted, timeoutMs, label);
  }
}

/**
 * Reads a 2xx body as JSON (`undefined` for an empty body or a 204).
 * @throws {LivepushAuthError} `invalid_response` for a body that is not JSON; `timeout`/`network_error`
 *   when the body could not be read.
 * @internal
 */
export async function readJsonBody(
  response: Response,
  callerSignal: AbortSignal | null | undefined,
  timeoutMs: number,
  label: string,
): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw transportError(cause, callerSignal, false, timeoutMs, label);
  }
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

function transportError(
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
  const name = cause instanceof Error ? cause.name : 'unknown failure';
  return new LivepushAuthError(
    'network_error',
    `Could not reach Livepush for ${label} (${name}). Check the network and the API endpoint URLs, then try again.`,
    { cause: new Error(name) },
  );
}
