'use client';
import type { AuthClient } from '@livepush/auth-core/client';
import { createContext, useContext } from 'react';

/** Holds the store `LivepushAuthProvider` provides. */
export const AuthClientContext = createContext<AuthClient | null>(null);
AuthClientContext.displayName = 'LivepushAuthContext';

/** The nearest provider's store; the error names the hook that was called outside one. */
export function useClient(hook: string): AuthClient {
  const client = useContext(AuthClientContext);
  if (client === null) {
    throw new Error(
      `${hook}() must be used inside <LivepushAuthProvider>. Wrap your app (or the part of it that uses Livepush) in <LivepushAuthProvider>.`,
    );
  }
  return client;
}

/**
 * The browser session store of the nearest `<LivepushAuthProvider>`, for what the hooks do not cover
 * (e.g. passing it to code outside React).
 * @throws {Error} outside `<LivepushAuthProvider>`.
 */
export function useLivepushAuthClient(): AuthClient {
  return useClient('useLivepushAuthClient');
}
