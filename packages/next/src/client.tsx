'use client';
/**
 * `@livepush/auth-next/client`: the React side for Client Components, the `@livepush/auth-react`
 * bindings marked `'use client'`, with a provider that follows the session the server renders.
 *
 * @packageDocumentation
 */
import {
  type LivepushAuthProviderProps,
  LivepushAuthProvider as ReactProvider,
  type SessionPayload,
  useLivepushAuthClient,
} from '@livepush/auth-react';
import { type ReactNode, useEffect, useRef } from 'react';

export type {
  AuthClient,
  AuthClientError,
  AuthClientOptions,
  AuthStatus,
  LivepushAuthActions,
  LivepushAuthProviderProps,
  LivepushAuthState,
  LivepushScope,
  LivepushSessionData,
  LivepushUser,
  RefreshOptions,
  RequireScopesProps,
  ScopeRequest,
  SessionPayload,
  SignInOptions,
} from '@livepush/auth-react';
export {
  RequireScopes,
  useHasScopes,
  useLivepushAuth,
  useLivepushAuthClient,
  useRequestScopes,
} from '@livepush/auth-react';

/** Refetches the session when the server renders a different one (after a Server Action, `router.refresh()`). */
function FollowServerSession({ session }: { session: SessionPayload | null | undefined }): null {
  const client = useLivepushAuthClient();
  const key = JSON.stringify(session ?? null);
  const seen = useRef(key);
  useEffect(() => {
    if (seen.current === key) return;
    seen.current = key;
    void client.refresh();
  }, [client, key]);
  return null;
}

/**
 * Makes the Livepush session available to `useLivepushAuth()` in Client Components. Render it in the
 * root layout with the server's session as `initialSession`: the first HTML is already signed in (no
 * loading state), and when a Server Action or `router.refresh()` renders another session, the browser
 * store follows.
 *
 * @example
 * ```tsx
 * // app/layout.tsx (a Server Component)
 * const session = await auth();
 * return <LivepushAuthProvider initialSession={session ?? { authenticated: false }}>{children}</LivepushAuthProvider>;
 * ```
 */
export function LivepushAuthProvider(props: LivepushAuthProviderProps): ReactNode {
  const session = 'initialSession' in props ? props.initialSession : undefined;
  return (
    <ReactProvider {...props}>
      <FollowServerSession session={session} />
      {props.children}
    </ReactProvider>
  );
}
