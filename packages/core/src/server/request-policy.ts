import { LivepushAuthError } from '../errors';

/**
 * The one method and origin policy of the server: the route table applies it to every route, and the
 * per-request `signOut()` to the request it runs in. An unsafe request (POST, PUT, PATCH, DELETE)
 * must come from the app itself or a trusted origin, judged by `Origin` when present, else
 * `Sec-Fetch-Site`. Every current browser sends one of them; a request with neither is refused (fail
 * closed: the routes and actions that need this are for browsers).
 */

/** Every method: the proxy forwards whatever Livepush takes. */
export const ANY_METHOD = 'any';

/** A refused request: the error to report (its `status` is 405 or 403) and, for a 405, the `Allow` list. @internal */
export interface Refusal {
  readonly error: LivepushAuthError;
  readonly allow?: string;
}

/** True for methods that change state and so need the origin check. @internal */
export function isUnsafeMethod(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

function isAllowedOrigin(request: Request, requestOrigin: string, trusted: ReadonlySet<string>): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== 'null') return origin === requestOrigin || trusted.has(origin);
  return request.headers.get('sec-fetch-site') === 'same-origin';
}

/**
 * Why `request` may not do `what`, or `null` when it may: a method outside `methods` (405), or an
 * unsafe method from another site (403). Both are `invalid_request`.
 * @internal
 */
export function refusal(
  request: Request,
  url: URL,
  trusted: ReadonlySet<string>,
  methods: readonly string[] | typeof ANY_METHOD,
  what: string,
): Refusal | null {
  const method = request.method.toUpperCase();
  if (methods !== ANY_METHOD && !methods.includes(method)) {
    return {
      allow: methods.join(', '),
      error: new LivepushAuthError(
        'invalid_request',
        `${what} takes ${methods.join(' or ')}, not ${method}.`,
        {
          status: 405,
        },
      ),
    };
  }
  if (isUnsafeMethod(method) && !isAllowedOrigin(request, url.origin, trusted)) {
    return {
      error: new LivepushAuthError(
        'invalid_request',
        `${what} must come from this site (cross-origin request refused).`,
        { status: 403 },
      ),
    };
  }
  return null;
}
