import { LivepushAuthError } from '../errors';

function wrongShape(label: string, expected: string): LivepushAuthError {
  return new LivepushAuthError(
    'invalid_response',
    `Livepush answered ${label} with JSON that is not ${expected}. Check the API endpoint URLs; if they are right, Livepush changed its API.`,
  );
}

/**
 * Checks that a documented list endpoint answered a bare JSON array.
 * @throws {LivepushAuthError} `invalid_response`.
 * @internal
 */
export function expectList<T>(value: unknown, label: string): T[] {
  if (!Array.isArray(value)) throw wrongShape(label, 'an array');
  return value as T[];
}

/**
 * Checks that an endpoint answered a JSON object with a string `id`.
 * @throws {LivepushAuthError} `invalid_response`.
 * @internal
 */
export function expectEntity<T>(value: unknown, label: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw wrongShape(label, 'an object');
  if (typeof (value as { id?: unknown }).id !== 'string')
    throw wrongShape(label, 'an object with a string id');
  return value as T;
}
