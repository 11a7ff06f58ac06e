import type { LivepushApiName } from '../../api/api-for-path';
import type { ApiAnswer } from '../../api/call';
import { isLivepushAuthError, LivepushAuthError } from '../../errors';
import { MAX_BODY_BYTES, readBounded, redact, retryAfterSeconds } from '../../transport';
import type { ServerCore } from '../config';
import { errorResponse } from '../error-response';
import type { RequestContext } from '../request-context';
import { proxiedResponse } from '../responses';

const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'if-none-match', 'if-match'];
const FORWARDED_RESPONSE_HEADERS = ['etag', 'retry-after'];
/** Statuses that carry no body (RFC 9110 §15.3.5, §15.3.6, §15.4.5): passed on as themselves. */
const NO_BODY = new Set([204, 205, 304]);
const text = new TextDecoder();
const utf8 = new TextEncoder();

function tooLarge(): LivepushAuthError {
  return new LivepushAuthError('invalid_request', 'Request body too large (1 MB at most).', {
    status: 413,
  });
}

/** First and last non-blank bytes. */
function ends(bytes: Uint8Array): [number, number] {
  let first = 0;
  let last = bytes.length - 1;
  while (first <= last && bytes[first]! <= 32) first++;
  while (last >= first && bytes[last]! <= 32) last--;
  return [bytes[first] ?? 0, bytes[last] ?? 0];
}

/**
 * True when the body is JSON. Bodies that open and close like an object or array (all of Livepush's)
 * are taken as JSON without a full parse: this runs on every proxied response, and what it must catch
 * is a truncated body or a proxy's HTML page. Whatever passes is sent as `application/json` with
 * `nosniff`, so no browser ever reads it as anything else.
 */
function looksLikeJson(body: Uint8Array, said: () => string): boolean {
  const [open, close] = ends(body);
  if ((open === 0x7b && close === 0x7d) || (open === 0x5b && close === 0x5d)) return true;
  try {
    JSON.parse(said());
    return true;
  } catch {
    return false;
  }
}

/** Every string in a JSON value (keys too) through the redactor. */
function redactJson(value: unknown, tokens: readonly string[]): unknown {
  if (typeof value === 'string') return redact(value, tokens, Number.POSITIVE_INFINITY);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, tokens));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, redact(key, tokens, Number.POSITIVE_INFINITY), {
      value: redactJson(item, tokens),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * What the browser gets for Livepush's answer: the status and a JSON body (or none), or a typed error
 * when it should not see the answer as it is —
 * - a 5xx (often a gateway's HTML page): `api_error`, 502 (503/504 kept);
 * - a redirect (the proxy follows none): `invalid_response`;
 * - a body that is not JSON: `invalid_response` for a 2xx, `api_error` with Livepush's 4xx status;
 * - a 2xx GET with no body at all: `invalid_response`.
 * 204, 205 and 304 pass on as themselves, without a body. An error body goes through the redactor
 * first, so an echo of the `Authorization` header (in full or cut short) never carries a token this
 * call sent to the browser.
 */
function forward(
  answer: ApiAnswer,
  method: string,
  now: number,
): { status: number; body: Uint8Array<ArrayBuffer> | null } {
  const { response, body, tokens } = answer;
  const { status } = response;
  if (status >= 500) {
    const retryAfter = retryAfterSeconds(response.headers, now);
    throw new LivepushAuthError(
      'api_error',
      `Livepush answered ${status}. This is usually temporary: try again shortly.`,
      { status, ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }) },
    );
  }
  if (NO_BODY.has(status)) return { status, body: null };
  if (status < 200 || (status >= 300 && status < 400)) {
    throw new LivepushAuthError(
      'invalid_response',
      `Livepush answered ${status} (a redirect, which the proxy does not follow); check the API endpoints.`,
      { status },
    );
  }
  const ok = status < 300;
  if (body.byteLength === 0) {
    if (ok && method === 'GET')
      throw new LivepushAuthError(
        'invalid_response',
        `Livepush answered ${status} with an empty body; try again later.`,
        {
          status,
        },
      );
    return { status, body: null };
  }
  let said: string | undefined;
  const decoded = () => {
    said ??= text.decode(body);
    return said;
  };
  if (!looksLikeJson(body, decoded)) {
    throw ok
      ? new LivepushAuthError(
          'invalid_response',
          `Livepush answered ${status} with a body that is not JSON; try again later.`,
          { status },
        )
      : new LivepushAuthError('api_error', `Livepush answered ${status} with a body that is not JSON.`, {
          status,
        });
  }
  // A 2xx is Livepush's data, passed on as it is; an error may echo the request (its Authorization).
  if (ok) return { status, body };
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded());
  } catch {
    throw new LivepushAuthError('api_error', `Livepush answered ${status} with a body that is not JSON.`, {
      status,
    });
  }
  const safe = JSON.stringify(redactJson(parsed, tokens));
  return { status, body: safe === JSON.stringify(parsed) ? body : utf8.encode(safe) };
}

/** The headers of Livepush's answer the browser gets (`ETag`, `Retry-After`); `null` for none. */
function forwardedHeaders(headers: Headers): Record<string, string> | null {
  let forwarded: Record<string, string> | null = null;
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = headers.get(name);
    if (value === null) continue;
    forwarded ??= {};
    forwarded[name] = value;
  }
  return forwarded;
}

/**
 * `ANY {basePath}/api/{accounts|streams|vod}/<Livepush path>`: a thin route over the API layer's raw
 * call, which checks the path and the scope (403 `missing_scopes` before Livepush is called), sends
 * the session's bearer token (refreshed first when due; refreshed and retried once on a 401 that says
 * the token is invalid) and reads the answer, at most 1 MB, under one deadline. The route forwards a
 * few headers and the body both ways, and serves JSON only (see `forward`). The route table has
 * already refused cross-origin unsafe requests.
 */
export async function proxy(
  core: ServerCore,
  context: RequestContext,
  api: LivepushApiName,
  path: string,
): Promise<Response> {
  const { request } = context;
  const method = request.method.toUpperCase();
  try {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const answer = await core.api.call(context.apiSession, {
      api,
      method,
      path: path + context.url.search,
      headers,
      // Read only once the path, the session and the scope have passed.
      body:
        method === 'GET' || method === 'HEAD'
          ? null
          : () => readBounded(request.body, request.headers.get('content-length'), MAX_BODY_BYTES, tooLarge),
      // Livepush's answer is capped like the browser's request.
      maxAnswerBytes: MAX_BODY_BYTES,
    });
    const { status, body } = forward(answer, method, core.client.now());
    return proxiedResponse(status, body, forwardedHeaders(answer.response.headers), context.setCookies);
  } catch (error) {
    if (!isLivepushAuthError(error)) throw error;
    core.report(error, 'api');
    return errorResponse(error, context.setCookies);
  }
}
