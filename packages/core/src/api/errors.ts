import { LivepushAuthError } from '../errors';
import { redact, retryAfterSeconds } from '../transport';

/** What {@link LivepushApiError} is built from. */
export interface LivepushApiErrorInit {
  /** The HTTP status Livepush answered with. */
  status: number;
  /** The request method, e.g. `GET`. */
  method: string;
  /** The API path, e.g. `/streams/st_123` (never a full URL, never a token). */
  path: string;
  /** The `message` of a JSON error body, when there was one. */
  apiMessage?: string;
  /** The raw body (at most 500 characters) when it was not JSON with a `message`. */
  body?: string;
  /** Seconds from a `Retry-After` header. */
  retryAfterSeconds?: number;
}

/** The longest raw body kept on an error. */
const MAX_BODY = 500;

function advice(status: number): string {
  if (status === 400) return 'Check the request parameters and body.';
  if (status === 401) return 'The access token was rejected: refresh it, or sign the user in again.';
  if (status === 403) return 'The session lacks a scope this endpoint needs: sign in again asking for it.';
  if (status === 404) return 'The resource does not exist or belongs to another user.';
  if (status === 408 || status === 429) return 'Livepush asks you to slow down: wait, then try again.';
  if (status >= 500) return 'Livepush is having trouble: this is usually temporary, try again later.';
  return 'See `status` and `apiMessage` on the error.';
}

/**
 * A Livepush API call answered with an error status. `status` is the HTTP status, `apiMessage` the
 * `message` of the JSON error body Livepush documents (`{ "message": "Invalid request" }`), `body` the
 * raw text when the body was not JSON. Never carries the access token.
 *
 * @example
 * ```ts
 * try { await api.streams.get(id) }
 * catch (e) { if (e instanceof LivepushApiError && e.status === 404) showNotFound() }
 * ```
 */
export class LivepushApiError extends LivepushAuthError {
  /** The HTTP status Livepush answered with. */
  declare readonly status: number;
  /** The request method. */
  readonly method: string;
  /** The API path that was called. */
  readonly path: string;
  /** The `message` field of Livepush's JSON error body, if any. */
  readonly apiMessage: string | undefined;
  /** The raw response text (truncated to 500 characters) when it was not JSON with a `message`. */
  readonly body: string | undefined;

  constructor(init: LivepushApiErrorInit) {
    const said = init.apiMessage ?? (init.body ? init.body.slice(0, 120).replace(/\s+/g, ' ').trim() : '');
    super(
      'api_error',
      `Livepush answered ${init.status} to ${init.method} ${init.path}${said ? `: ${said}` : ''}. ${advice(init.status)}`,
      init.retryAfterSeconds === undefined
        ? { status: init.status }
        : { status: init.status, retryAfterSeconds: init.retryAfterSeconds },
    );
    this.name = 'LivepushApiError';
    this.method = init.method;
    this.path = init.path;
    this.apiMessage = init.apiMessage;
    this.body = init.body;
  }

  /** True for 5xx, 408 and 429 answers: nothing is wrong with the request or the session, retry later. */
  override get isTransient(): boolean {
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }

  /**
   * Builds the error from an error response, reading its body once. Every occurrence of a string in
   * `secrets` (the access token) is replaced by `[redacted]` in what the error keeps; `now` (epoch ms,
   * default `Date.now()`) reads a `Retry-After` given as an HTTP date.
   */
  static async fromResponse(
    response: Response,
    request: { method: string; path: string },
    secrets: readonly string[] = [],
    now: number = Date.now(),
  ): Promise<LivepushApiError> {
    let text = '';
    try {
      text = await response.text();
    } catch {
      // An unreadable body still leaves a useful status.
    }
    return apiErrorOf(response, text, request, secrets, now);
  }
}

/**
 * The {@link LivepushApiError} of an error response whose body was already read as `text`.
 * @internal
 */
export function apiErrorOf(
  response: Response,
  text: string,
  request: { method: string; path: string },
  secrets: readonly string[],
  now: number,
): LivepushApiError {
  const safe = redact(text, secrets, Number.POSITIVE_INFINITY);
  const init: LivepushApiErrorInit = { status: response.status, method: request.method, path: request.path };
  const retryAfter = retryAfterSeconds(response.headers, now);
  if (retryAfter !== undefined) init.retryAfterSeconds = retryAfter;
  const message = jsonMessage(safe);
  if (message !== undefined) init.apiMessage = message;
  else if (safe !== '') init.body = safe.slice(0, MAX_BODY);
  return new LivepushApiError(init);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function jsonMessage(text: string): string | undefined {
  const value = parse(text);
  if (typeof value !== 'object' || value === null) return undefined;
  const message = (value as { message?: unknown }).message;
  return typeof message === 'string' ? message.slice(0, MAX_BODY) : undefined;
}
