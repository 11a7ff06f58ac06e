const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** A JSON response that no cache keeps. */
export function jsonResponse(body: unknown, status = 200, setCookies: readonly string[] = []): Response {
  const headers = new Headers({ ...NO_STORE, 'content-type': 'application/json; charset=utf-8' });
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  return new Response(JSON.stringify(body), { status, headers });
}

/** A redirect that no cache keeps. */
export function redirectResponse(
  location: string,
  setCookies: readonly string[] = [],
  status = 302,
): Response {
  const headers = new Headers({ ...NO_STORE, location });
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  return new Response(null, { status, headers });
}

/** Appends `Set-Cookie` values to a response (copying it when its headers are immutable). */
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
