import { requiredScopeFor } from '../../api/endpoints-table';
import { joinUrl } from '../../endpoints';
import { isLivepushAuthError, LivepushAuthError } from '../../errors';
import { fetchLivepush, retryAfterSeconds } from '../../protocol/fetch-livepush';
import type { LivepushApiName } from '../../scopes';
import { transportError } from '../../transport';
import type { ServerCore } from '../config';
import { errorResponse } from '../error-response';
import { isAllowedOrigin, isUnsafeMethod } from '../origin';
import type { RequestState } from '../request-context';
import { jsonResponse, withCookies } from '../responses';

const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'if-none-match', 'if-match'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'etag', 'retry-after'];
const MAX_BODY = 1024 * 1024;

/** The request body, or `null` past `limit` bytes: read in chunks, so a huge body is never held whole. */
async function readBounded(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return null;
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
      return null;
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
  body: ArrayBuffer,
  method: string,
  now: number,
): ArrayBuffer | null | LivepushAuthError {
  const { status } = upstream;
  if (status >= 500) {
    const retryAfter = retryAfterSeconds(upstream, now);
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
function isJson(body: ArrayBuffer): boolean {
  const [open, close] = ends(new Uint8Array(body));
  if ((open === 0x7b && close === 0x7d) || (open === 0x5b && close === 0x5d)) return true;
  try {
    JSON.parse(new TextDecoder().decode(body));
    return true;
  } catch {
    return false;
  }
}

/**
 * `ANY {basePath}/api/{accounts|streams}/<Livepush path>`: forwards to the Livepush API with the
 * session's bearer token (refreshed first when due; refreshed and retried once on a 401). A missing
 * scope is refused with 403 `missing_scopes` before Livepush is called.
 */
export async function proxy(
  core: ServerCore,
  state: RequestState,
  api: LivepushApiName,
  path: string,
): Promise<Response> {
  const { request } = state;
  const method = request.method.toUpperCase();
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path) || /(^|\/)\.\.?(\/|$)|%2e|%2f|%5c/i.test(path)) {
    return jsonResponse({ code: 'invalid_request', message: 'That API path is not allowed.' }, 400);
  }
  if (isUnsafeMethod(method) && !isAllowedOrigin(request, state.url.origin, core.trustedOrigins)) {
    return jsonResponse(
      {
        code: 'invalid_request',
        message: 'API changes must come from this site (cross-origin request refused).',
      },
      403,
    );
  }
  try {
    let session = await state.fresh();
    const needed = requiredScopeFor(method, api, path);
    if (needed && !session.record.tokens.scopes.includes(needed)) {
      throw new LivepushAuthError(
        'missing_scopes',
        `This needs the "${needed}" scope; ask the user for it with signIn({ scopes }).`,
        { missingScopes: [needed] },
      );
    }
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBounded(request, MAX_BODY);
    if (body === null) {
      return jsonResponse(
        { code: 'invalid_request', message: 'Request body too large (1 MB at most).' },
        413,
        state.setCookies,
      );
    }
    const base = api === 'accounts' ? core.client.endpoints.accountsApi : core.client.endpoints.streamsApi;
    const target = joinUrl(base, path) + state.url.search;
    const { timeoutMs } = core.client;
    /** One upstream call, body included, under one deadline (a plain timer: cheaper than AbortSignal.timeout). */
    const exchange = async (accessToken: string) => {
      const headers = new Headers({ authorization: `Bearer ${accessToken}` });
      for (const name of FORWARDED_REQUEST_HEADERS) {
        const value = request.headers.get(name);
        if (value !== null) headers.set(name, value);
      }
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      try {
        const init = { method, headers, ...(body ? { body } : {}) };
        const upstream = await fetchLivepush(core.client, target, init, 'API request', deadline.signal);
        try {
          return { upstream, bytes: await upstream.arrayBuffer() };
        } catch (cause) {
          throw transportError(cause, undefined, deadline.signal.aborted, timeoutMs, 'the API request');
        }
      } finally {
        clearTimeout(timer);
      }
    };
    let { upstream, bytes } = await exchange(session.record.tokens.accessToken);
    if (upstream.status === 401) {
      session = await state.fresh(true);
      ({ upstream, bytes } = await exchange(session.record.tokens.accessToken));
    }
    const checked = checkUpstream(upstream, bytes, method, core.client.now());
    if (checked instanceof LivepushAuthError) throw checked;
    const headers = new Headers({ 'cache-control': 'no-store' });
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    return withCookies(new Response(checked, { status: upstream.status, headers }), state.setCookies);
  } catch (error) {
    if (!isLivepushAuthError(error)) throw error;
    core.report(error, 'api');
    return errorResponse(error, state.setCookies);
  }
}
