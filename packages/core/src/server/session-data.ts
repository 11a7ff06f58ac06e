import { LivepushAuthError } from '../errors';
import { isPlainObject } from './sessions';

/** Deeper than this is not the small object `data` is meant to be. */
const MAX_DEPTH = 16;

/** Why `value` (at `path`) is not JSON that survives a round trip unchanged, or `null`. */
function jsonProblem(value: unknown, path: string, depth: number, seen: Set<object>): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is not a finite number`;
  if (typeof value !== 'object') return `${path} is a ${typeof value}`;
  if (depth > MAX_DEPTH) return `${path} is nested more than ${MAX_DEPTH} levels deep`;
  if (seen.has(value)) return `${path} refers back to itself`;
  seen.add(value);
  let problem: string | null = null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && problem === null; i++)
      problem = jsonProblem(value[i], `${path}[${i}]`, depth + 1, seen);
  } else if (!isPlainObject(value)) {
    problem = `${path} is a ${value.constructor?.name ?? 'non-plain object'}, not a plain object`;
  } else {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue; // an unset optional property: left out, as JSON does
      problem = jsonProblem(item, `${path}.${key}`, depth + 1, seen);
      if (problem !== null) break;
    }
  }
  seen.delete(value);
  return problem;
}

/**
 * `data` checked and copied (later changes by the caller do not reach the session): a plain object
 * whose values are JSON (plain objects, arrays, strings, finite numbers, booleans, `null`; a property
 * set to `undefined` is left out), so it reads back as written, from a cookie or from any store.
 * @throws {LivepushAuthError} `invalid_request` naming the first value that is not, and where.
 * @internal
 */
export function checkSessionData(data: unknown, where: string): Record<string, unknown> {
  const problem = isPlainObject(data)
    ? jsonProblem(data, 'data', 0, new Set())
    : `data is ${Array.isArray(data) ? 'an array' : data === null ? 'null' : `a ${typeof data}`}`;
  if (problem !== null) {
    throw new LivepushAuthError(
      'invalid_request',
      `${where}: data must be a plain JSON object (it is kept in the session and sent to the browser as JSON), but ${problem}.`,
    );
  }
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
