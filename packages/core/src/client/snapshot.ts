import type { SessionPayload } from '../session-payload';
import type { AuthSnapshot } from './types';

/** The state before the first session answer. @internal */
export const LOADING: AuthSnapshot = {
  status: 'loading',
  user: null,
  scopes: [],
  expiresAt: null,
  error: null,
};

/**
 * The snapshot (without error) for a `GET {basePath}/session` answer, or `undefined` when `payload`
 * is not one.
 * @internal
 */
export function snapshotOf(payload: SessionPayload | null): AuthSnapshot | undefined {
  if (payload === null || payload.authenticated === false) {
    return { status: 'unauthenticated', user: null, scopes: [], expiresAt: null, error: null };
  }
  if (payload.authenticated !== true || !Array.isArray(payload.scopes)) return undefined;
  return {
    status: 'authenticated',
    user: payload.user ?? null,
    scopes: payload.scopes,
    expiresAt: typeof payload.expiresAt === 'number' ? payload.expiresAt : null,
    error: null,
  };
}
