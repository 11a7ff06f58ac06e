import { LivepushAuthError } from '../errors';

/**
 * The one rule for a safe Livepush API path, used by the API client (`request()` and the typed
 * methods' ids), the browser proxy (`{basePath}/api/*`) and the scope table's `{param}` segments:
 * a path that passes cannot leave the API's base URL once a server decodes it.
 */

/** Longest path parameter accepted; Livepush ids are short (`st_…`, `pb_…`). */
const MAX_PARAM_LENGTH = 200;

/**
 * Why one (still percent-encoded) path segment is unsafe, or `null` when it is fine: empty, `.` or
 * `..` (plain or encoded), malformed percent-encoding, or a `/` or `\` once decoded.
 * @internal
 */
export function segmentProblem(segment: string): string | null {
  let decoded: string;
  try {
    decoded = segment.includes('%') ? decodeURIComponent(segment) : segment;
  } catch {
    return 'it has malformed percent-encoding';
  }
  if (decoded === '') return 'it must not have empty segments ("//" or a trailing "/")';
  if (decoded === '.' || decoded === '..') return 'it must not contain "." or ".." segments';
  if (decoded.includes('/') || decoded.includes('\\')) return 'it must not contain encoded slashes';
  return null;
}

/**
 * Why an API path (a query string allowed) is unsafe, or `null`: it must start with `/`, carry no
 * fragment, backslash, whitespace or control character, and every segment must pass
 * {@link segmentProblem}.
 * @internal
 */
export function apiPathProblem(path: unknown): string | null {
  if (typeof path !== 'string' || path[0] !== '/') return 'it must be a string starting with "/"';
  if (path.includes('#')) return 'it must not contain a #fragment';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f\s]/.test(path))
    return 'it must not contain backslashes, spaces or control characters';
  const query = path.indexOf('?');
  const pathname = query === -1 ? path : path.slice(0, query);
  if (pathname === '/') return null;
  for (const segment of pathname.slice(1).split('/')) {
    const problem = segmentProblem(segment);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * Checks a raw API path given to `request()` or forwarded by the proxy.
 * @throws {LivepushAuthError} `invalid_request` saying what is wrong.
 * @internal
 */
export function checkApiPath(path: unknown): string {
  const problem = apiPathProblem(path);
  if (problem !== null) {
    const shown = typeof path === 'string' ? JSON.stringify(path.slice(0, 100)) : typeof path;
    throw new LivepushAuthError('invalid_request', `Invalid Livepush API path ${shown}: ${problem}.`);
  }
  return path as string;
}

/**
 * Encodes one path parameter (a stream or destination id) after refusing values that could change
 * the path ({@link segmentProblem}), control characters and over-long values.
 *
 * @throws {LivepushAuthError} `invalid_request` naming the parameter.
 * @internal
 */
export function pathParam(name: string, value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length > MAX_PARAM_LENGTH ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    /[\u0000-\u001f\u007f]/.test(value) ||
    segmentProblem(encodeURIComponent(value)) !== null
  ) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : typeof value;
    throw new LivepushAuthError(
      'invalid_request',
      `${name} must be a Livepush id (a non-empty string without "/", "\\", ".." or control characters); got ${shown}.`,
    );
  }
  return encodeURIComponent(value);
}
