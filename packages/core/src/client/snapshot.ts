import type { SessionPayload } from '../session-payload';
import type { AuthSnapshot, AuthStatus } from './types';

const snap = (
  status: AuthStatus,
  user: AuthSnapshot['user'] = null,
  scopes: AuthSnapshot['scopes'] = [],
  expiresAt: number | null = null,
  data: AuthSnapshot['data'] = null,
): AuthSnapshot => ({ status, user, scopes, expiresAt, data, error: null });

/** The state before the first session answer. @internal */
export const LOADING: AuthSnapshot = snap('loading');

/**
 * The snapshot (without error) for a `GET {basePath}/session` answer, or `undefined` when `payload`
 * is not one.
 * @internal
 */
export function snapshotOf(payload: SessionPayload | null): AuthSnapshot | undefined {
  if (!payload?.authenticated)
    return payload === null || payload.authenticated === false ? snap('unauthenticated') : undefined;
  return Array.isArray(payload.scopes)
    ? snap(
        'authenticated',
        payload.user ?? null,
        payload.scopes,
        payload.expiresAt ?? null,
        payload.data ?? {},
      )
    : undefined;
}
