import type { LivepushApiName } from '../../api/api-for-path';
import { isLivepushAuthError, LivepushAuthError } from '../../errors';
import { retryAfterSeconds } from '../../transport';
import type { ServerCore } from '../config';
import { errorResponse } from '../error-response';
import type { RequestContext } from '../request-context';
import { withCookies } from '../responses';

const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'if-none-match', 'if-match'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'etag', 'retry-after'];
const MAX_BODY = 1024 * 1024;

function tooLarge(): LivepushAuthError {
  return new LivepushAuthError('invalid_request', 'Request body too large (1 MB at most).', {
    status: 413,
  });
}

/**
 * The request body, read in chunks so a huge body is never held whole.
 * @throws {LivepushAuthError} `invalid_request` (413) past `limit` bytes.
 */
async function readBounded(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw tooLarge();
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * The upstream body, or a typed error when Livepush failed in a way the browser should not have to
 * parse: a 5xx (often an HTML page from a proxy), or a 2xx whose body is not the JSON the API speaks.
 * 4xx answers pass through: they are Livepush's documented `{ "message" }` replies to this call.
 */
function checkUpstream(
  upstream: Response,
  body: Uint8Array<ArrayBuffer>,
  method: string,
  now: number,
): Uint8Array<ArrayBuffer> | null | LivepushAuthError {
  const { status } = upstream;
  if (status >= 500) {
    const retryAfter = retryAfterSeconds(upstream.headers, now);
    return new LivepushAuthError(
      'api_error',
      `Livepush answered ${status}. This is usually temporary: try again shortly.`,
      {
        status,
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      },
    );
  }
  if (status < 200 || status >= 300 || status === 204) return status === 204 ? null : body;
  const empty = body.byteLength === 0;
  if ((empty && method === 'GET') || (!empty && !isJson(body))) {
    return new LivepushAuthError(
      'invalid_response',
      `Livepush answered ${status} with ${empty ? 'an empty body' : 'a body that is not JSON'}; try again later.`,
      { status },
    );
  }
  return empty ? null : body;
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
 * is a truncated body or a proxy's HTML page.
 */
function isJson(body: Uint8Array): boolean {
  const [open, close] = ends(body);
  if ((open === 0x7b && close === 0x7d) || (open === 0x5b && close === 0x5d)) return true;
  try {
    JSON.parse(new TextDecoder().decode(body));
    return true;
  } catch {
    return false;
  }
}

/**
 * `ANY {basePath}/api/{accounts|streams|vod}/<Livepush path>`: a thin route over the API layer's raw
 * call, which checks the path and the scope (403 `missing_scopes` before Livepush is called), sends
 * the session's bearer token (refreshed first when due; refreshed and retried once on a 401) and
 * reads the answer under one deadline. The route forwards a few headers and the body both ways.
 * The route table has already refused cross-origin unsafe requests.
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
      body: method === 'GET' || method === 'HEAD' ? null : () => readBounded(request, MAX_BODY),
    });
    const checked = checkUpstream(answer.response, answer.body, method, core.client.now());
    if (checked instanceof LivepushAuthError) throw checked;
    const forwarded = new Headers({ 'cache-control': 'no-store' });
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = answer.response.headers.get(name);
      if (value !== null) forwarded.set(name, value);
    }
    return withCookies(
      new Response(checked, { status: answer.response.status, headers: forwarded }),
      context.setCookies,
    );
  } catch (error) {
    if (!isLivepushAuthError(error)) throw error;
    core.report(error, 'api');
    return errorResponse(error, context.setCookies);
  }
}
