/**
 * On every auth response: nothing cached, and no Referer sent onwards (the callback URL carries the
 * code and state, RFC 9700 §4.2.4).
 */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache', 'referrer-policy': 'no-referrer' };

function headers(extra: Record<string, string>, setCookies: readonly string[]): Headers {
  const out = new Headers({ ...NO_STORE, ...extra });
  for (const cookie of setCookies) out.append('set-cookie', cookie);
  return out;
}

/** A JSON response that no cache keeps. */
export function jsonResponse(body: unknown, status = 200, setCookies: readonly string[] = []): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: headers({ 'content-type': 'application/json; charset=utf-8' }, setCookies),
  });
}

/** A response without a body (e.g. 204) that no cache keeps. */
export function emptyResponse(status: number, setCookies: readonly string[] = []): Response {
  return new Response(null, { status, headers: headers({}, setCookies) });
}

/** A redirect that no cache keeps. */
export function redirectResponse(
  location: string,
  setCookies: readonly string[] = [],
  status = 302,
): Response {
  return new Response(null, { status, headers: headers({ location }, setCookies) });
}

/**
 * Appends `Set-Cookie` values (e.g. `requestContext(request).setCookies`) to a response your framework
 * built, copying the response when its headers are immutable. Returns the response to send.
 */
export function withCookies(response: Response, setCookies: readonly string[]): Response {
  if (setCookies.length === 0) return response;
  try {
    for (const cookie of setCookies) response.headers.append('set-cookie', cookie);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const cookie of setCookies) copy.headers.append('set-cookie', cookie);
    return copy;
  }
}
