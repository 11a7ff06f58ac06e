import { LivepushAuthError } from '../errors';

/** Longest path parameter accepted; Livepush ids are short (`st_…`, `pb_…`). */
const MAX_PARAM_LENGTH = 200;

/**
 * Encodes one path parameter (a stream or destination id) after refusing values that could change
 * the path: empty, `.`/`..`, slashes, backslashes, control characters, over-long values.
 *
 * @throws {LivepushAuthError} `invalid_request` naming the parameter.
 * @internal
 */
export function pathParam(name: string, value: unknown): string {
  if (
    typeof value !== 'string' ||
    value === '' ||
    value === '.' ||
    value === '..' ||
    value.length > MAX_PARAM_LENGTH ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    /[/\\\u0000-\u001f\u007f]/.test(value)
  ) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : typeof value;
    throw new LivepushAuthError(
      'invalid_request',
      `${name} must be a Livepush id (a non-empty string without "/", "\\", ".." or control characters); got ${shown}.`,
    );
  }
  return encodeURIComponent(value);
}

/**
 * Checks a raw API path given to `request()`: it must start with `/` and have no empty, `.` or `..`
 * segments (plain or percent-encoded), no backslash and no fragment. A query string is allowed.
 *
 * @throws {LivepushAuthError} `invalid_request`.
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

function apiPathProblem(path: unknown): string | null {
  if (typeof path !== 'string' || path[0] !== '/') return 'it must be a string starting with "/"';
  if (path.includes('#')) return 'it must not contain a #fragment';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f\s]/.test(path))
    return 'it must not contain backslashes, spaces or control characters';
  const query = path.indexOf('?');
  const pathname = query === -1 ? path : path.slice(0, query);
  for (const segment of pathname.slice(1).split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'it has malformed percent-encoding';
    }
    if (decoded === '' && pathname !== '/') return 'it must not have empty segments ("//" or a trailing "/")';
    if (decoded === '.' || decoded === '..') return 'it must not contain "." or ".." segments';
    if (decoded.includes('/') || decoded.includes('\\')) return 'it must not contain encoded slashes';
  }
  return null;
}
