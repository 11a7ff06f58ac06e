/**
 * True when an unsafe request (POST, PUT, PATCH, DELETE) comes from the app itself or a trusted
 * origin: judged by `Origin` when present, else `Sec-Fetch-Site`. Every current browser sends one of
 * them; a request with neither is refused (fail closed: the routes that need this are for browsers).
 */
export function isAllowedOrigin(
  request: Request,
  requestOrigin: string,
  trusted: ReadonlySet<string>,
): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== 'null') return origin === requestOrigin || trusted.has(origin);
  return request.headers.get('sec-fetch-site') === 'same-origin';
}

/** True for methods that change state and so need the origin check. */
export function isUnsafeMethod(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
