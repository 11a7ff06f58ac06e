'use client';
import { type AuthClient, type AuthClientOptions, createAuthClient } from '@livepush/auth-core/client';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { AuthClientContext } from './context';

/**
 * Props of {@link LivepushAuthProvider}: either a `client` you created with `createAuthClient`, or the
 * options to create one with (`basePath`, `initialSession`, …).
 */
export type LivepushAuthProviderProps = { children?: ReactNode } & (
  | ({ client: AuthClient } & { [K in keyof AuthClientOptions]?: never })
  | (AuthClientOptions & { client?: never })
);

/**
 * Makes the Livepush session available to `useLivepushAuth()` below it. The client is created once
 * (later option changes are ignored) and destroyed on unmount; a `client` you pass stays yours.
 *
 * @example
 * ```tsx
 * <LivepushAuthProvider initialSession={sessionFromServer}>
 *   <App />
 * </LivepushAuthProvider>
 * ```
 */
export function LivepushAuthProvider(props: LivepushAuthProviderProps): ReactNode {
  const { children, client: given, ...options } = props;
  const [owned] = useState(() => (given ? null : createAuthClient(options)));
  const destroying = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    // StrictMode unmounts and remounts at once: destroy only if no remount follows.
    clearTimeout(destroying.current);
    return () => {
      if (owned) destroying.current = setTimeout(() => owned.destroy());
    };
  }, [owned]);
  return <AuthClientContext.Provider value={given ?? owned}>{children}</AuthClientContext.Provider>;
}
