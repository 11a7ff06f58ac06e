import type { OAuthClient } from '../config';
import { sendRequest } from '../transport';

/**
 * Sends one request to Livepush with the client's fetch and timeout (see {@link sendRequest}).
 * Never puts the URL in an error: a token URL carries secrets.
 * @internal
 */
export function fetchLivepush(
  client: OAuthClient,
  url: string | URL,
  init: RequestInit,
  what: string,
  deadline?: AbortSignal,
): Promise<Response> {
  return sendRequest(client.fetch, client.timeoutMs, url, init, `the ${what}`, deadline);
}

/** Seconds from a `Retry-After` header (delta-seconds or HTTP date), if present and sane. */
export function retryAfterSeconds(response: Response, now: number): number | undefined {
  const value = response.headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\d{1,6}$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
