import type { OAuthClient } from '../config';
import { LivepushAuthError } from '../errors';

/**
 * Sends one request to Livepush with the client's fetch and timeout, turning transport failures
 * into `network_error` / `timeout`. Never puts the URL in an error: a token URL carries secrets.
 * @internal
 */
export async function fetchLivepush(
  client: OAuthClient,
  url: string | URL,
  init: RequestInit,
  what: string,
): Promise<Response> {
  const timeout = AbortSignal.timeout(client.timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  try {
    return await client.fetch(url, { ...init, signal, redirect: 'manual' });
  } catch (cause) {
    if (timeout.aborted) {
      throw new LivepushAuthError(
        'timeout',
        `Livepush did not answer the ${what} within ${client.timeoutMs} ms. This is usually temporary: try again.`,
        { cause: new Error('timeout') },
      );
    }
    throw new LivepushAuthError(
      'network_error',
      `Could not reach Livepush for the ${what} (${describeCause(cause)}). Check the network and the endpoint URLs, then try again.`,
      { cause: stripUrls(cause) },
    );
  }
}

function describeCause(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  const code = typeof inner === 'object' && inner !== null && 'code' in inner ? String(inner.code) : '';
  if (/^[A-Z_]+$/.test(code)) return code;
  return cause instanceof Error ? cause.name : 'unknown failure';
}

/** Keeps the failure's name and code but not its message, which some runtimes fill with the URL. */
function stripUrls(cause: unknown): Error {
  const error = new Error(describeCause(cause));
  error.name = cause instanceof Error ? cause.name : 'Error';
  return error;
}

/** Seconds from a `Retry-After` header (delta-seconds or HTTP date), if present and sane. */
export function retryAfterSeconds(response: Response, now: number): number | undefined {
  const value = response.headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\d{1,6}$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
