/**
 * True when an unsafe request (POST, PUT, PATCH, DELETE) comes from the app itself or a trusted
 * origin: judged by `Origin` when present, else `Sec-Fetch-Site`. A request with neither is not
 * from a browser (no cookie-riding CSRF is possible) and is allowed.
 */
export function isAllowedOrigin(
  request: Request,
  requestOrigin: string,
  trusted: ReadonlySet<string>,
): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== 'null') return origin === requestOrigin || trusted.has(origin);
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  return origin === null;
}

/** True for methods that change state and so need the origin check. */
export function isUnsafeMethod(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
