'use client';
import { hasScopes, type LivepushScope, missingScopes, type SignInOptions } from '@livepush/auth-core/client';
import { type ReactNode, useMemo, useSyncExternalStore } from 'react';
import { useClient } from './context';

/** What {@link useRequestScopes} returns. */
export interface ScopeRequest {
  /** True when every requested scope is granted. */
  granted: boolean;
  /** The requested scopes the session lacks. */
  missing: readonly LivepushScope[];
  /** Sends the user to Livepush to grant `missing` (incremental consent); the server asks for the union. */
  request: (options?: Pick<SignInOptions, 'returnTo'>) => void;
}

/**
 * Which of `scopes` the session lacks, and a `request()` that asks Livepush for them (incremental
 * consent): wire it to a button.
 *
 * @example
 * ```tsx
 * const { granted, request } = useRequestScopes(['streams.create']);
 * <button onClick={() => (granted ? create() : request())}>Create stream</button>
 * ```
 */
export function useRequestScopes(scopes: readonly LivepushScope[]): ScopeRequest {
  const client = useClient('useRequestScopes');
  const granted = useSyncExternalStore(
    client.subscribe,
    () => client.getSnapshot().scopes,
    () => client.getServerSnapshot().scopes,
  );
  const key = scopes.join(' ');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `scopes` (often an inline array).
  return useMemo(() => {
    const missing = missingScopes(granted, scopes);
    return {
      granted: missing.length === 0,
      missing,
      request: (options) => client.signIn({ ...options, scopes: missing }),
    };
  }, [client, granted, key]);
}

/** True when the session holds every one of `scopes`; re-renders only when that answer changes. */
export function useHasScopes(scopes: readonly LivepushScope[]): boolean {
  const client = useClient('useHasScopes');
  return useSyncExternalStore(
    client.subscribe,
    () => hasScopes(client.getSnapshot().scopes, scopes),
    () => hasScopes(client.getServerSnapshot().scopes, scopes),
  );
}

/** Props of {@link RequireScopes}. */
export interface RequireScopesProps {
  /** The scopes `children` need. */
  scopes: readonly LivepushScope[];
  /** Rendered while a scope is missing: a node, or a function of the missing scopes and `request()`. */
  fallback?: ReactNode | ((request: ScopeRequest) => ReactNode);
  children?: ReactNode;
}

/**
 * Renders `children` only when the session holds every one of `scopes`, else `fallback`.
 *
 * @example
 * ```tsx
 * <RequireScopes
 *   scopes={['streams.create']}
 *   fallback={({ request }) => <button onClick={() => request()}>Allow creating streams</button>}
 * >
 *   <CreateStreamForm />
 * </RequireScopes>
 * ```
 */
export function RequireScopes({ scopes, fallback = null, children }: RequireScopesProps): ReactNode {
  const request = useRequestScopes(scopes);
  if (request.granted) return children;
  return typeof fallback === 'function' ? fallback(request) : fallback;
}
