/**
 * On every auth response: nothing cached, no Referer sent onwards (the callback URL carries the
 * code and state, RFC 9700 §4.2.4), and nothing a browser could render or sniff into a page: the
 * proxy passes on Livepush's bodies, so even a body that looks like HTML stays inert data.
 */
const BASE_HEADERS: readonly (readonly [string, string])[] = [
  ['cache-control', 'no-store'],
  ['pragma', 'no-cache'],
  ['referrer-policy', 'no-referrer'],
  ['x-content-type-options', 'nosniff'],
  ['content-security-policy', "default-src 'none'; sandbox"],
];
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The fixed headers, as `Headers` built on first use, copied into a new `Headers` for each response
 * (a copy of a `Headers` skips the name-by-name checks a plain object gets). Never handed to a
 * `Response` as they are: some `Response` implementations keep their init's `Headers` by reference
 * (@hono/node-server's, installed globally by `serve()`), and a `Set-Cookie` appended to one
 * response would then reach every later one.
 */
let templates: { json: Headers; none: Headers } | undefined;

/**
 * A response with the fixed headers, `content-type: application/json` when `json`, then `extra` and
 * `setCookies`. `extra` never names a fixed header (the callers pass `location`, or the few headers
 * the proxy forwards).
 */
function respond(
  body: BodyInit | null,
  status: number,
  json: boolean,
  extra: Readonly<Record<string, string>> | null,
  setCookies: readonly string[],
): Response {
  templates ??= {
    json: new Headers([['content-type', JSON_TYPE], ...BASE_HEADERS] as [string, string][]),
    none: new Headers(BASE_HEADERS as [string, string][]),
  };
  const response = new Response(body, {
    status,
    headers: new Headers(json ? templates.json : templates.none),
  });
  const { headers } = response;
  if (extra !== null) for (const name of Object.keys(extra)) headers.set(name, extra[name]!);
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  return response;
}

/** A JSON response that no cache keeps. */
export function jsonResponse(body: unknown, status = 200, setCookies: readonly string[] = []): Response {
  return respond(JSON.stringify(body), status, true, null, setCookies);
}

/** A response without a body (e.g. 204) that no cache keeps. */
export function emptyResponse(status: number, setCookies: readonly string[] = []): Response {
  return respond(null, status, false, null, setCookies);
}

/** A redirect that no cache keeps. */
export function redirectResponse(
  location: string,
  setCookies: readonly string[] = [],
  status = 302,
): Response {
  return respond(null, status, false, { location }, setCookies);
}

/**
 * A proxied Livepush answer: `body` is JSON (checked by the proxy) or absent, and is labelled
 * `application/json` whatever Livepush called it; `forwarded` are the upstream headers passed on.
 * @internal
 */
export function proxiedResponse(
  status: number,
  body: Uint8Array<ArrayBuffer> | null,
  forwarded: Readonly<Record<string, string>> | null,
  setCookies: readonly string[],
): Response {
  return respond(body, status, body !== null, forwarded, setCookies);
}

/** Cache directives that let a shared cache (a CDN, a proxy) keep a response. */
const SHARED = /^(public|s-maxage|proxy-revalidate)$/i;

/**
 * `Cache-Control` of a response that sets a session cookie: whatever the page said, no shared cache
 * may keep it (it would hand one user's session to the next), so `public`, `s-maxage` and
 * `proxy-revalidate` go and `private` is added (`no-store` stays as is).
 */
function privateCacheControl(current: string | null): string {
  const directives = (current ?? '')
    .split(',')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !SHARED.test(directive.split('=')[0]!.trim()));
  if (!directives.some((directive) => /^(private|no-store)$/i.test(directive))) directives.unshift('private');
  return directives.join(', ');
}

/** Changes a response's headers, on a copy when they are immutable (e.g. a `fetch` response). */
function editHeaders(response: Response, change: (headers: Headers) => void): Response {
  try {
    change(response.headers);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    change(copy.headers);
    return copy;
  }
}

function makePrivate(headers: Headers): void {
  headers.set('cache-control', privateCacheControl(headers.get('cache-control')));
  // CDN-specific directives (RFC 9213 and Surrogate-Control) would let an edge keep it all the same.
  headers.delete('cdn-cache-control');
  headers.delete('surrogate-control');
}

/**
 * Appends `Set-Cookie` values (e.g. `requestContext(request).setCookies`) to a response your framework
 * built, copying the response when its headers are immutable, and makes it `Cache-Control: private`
 * (dropping `public` and `s-maxage`): a page that carries a session cookie must never sit in a shared
 * cache. Returns the response to send; without cookies, `response` unchanged.
 */
export function withCookies(response: Response, setCookies: readonly string[]): Response {
  if (setCookies.length === 0) return response;
  return editHeaders(response, (headers) => {
    for (const cookie of setCookies) headers.append('set-cookie', cookie);
    makePrivate(headers);
  });
}

/**
 * Makes `response` safe to send with session cookies that were set on it some other way (a
 * framework's own cookie API): `Cache-Control: private`, never `public` or `s-maxage`. Adapters call
 * it when the request produced cookies. Returns the response to send (a copy when its headers are
 * immutable).
 */
export function withPrivateCache(response: Response): Response {
  return editHeaders(response, makePrivate);
}
