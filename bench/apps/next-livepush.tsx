'use client';
// The same minimal screen in a Next.js app, as the Next.js demo's Client Component does it: the root
// layout passes the server's session (initialSession), so there is no loading state to show.
import { LivepushAuthProvider, type SessionPayload, useLivepushAuth } from '@livepush/auth-next/client';
import type { ReactNode } from 'react';

function Account() {
  const { isLoading, isAuthenticated, user, signIn, signOut } = useLivepushAuth();
  if (isLoading) return <p>Loading…</p>;
  if (!isAuthenticated)
    return (
      <button type="button" onClick={() => signIn()}>
        Sign in
      </button>
    );
  return (
    <p>
      {user?.name}
      <button type="button" onClick={() => signOut()}>
        Sign out
      </button>
    </p>
  );
}

export function Providers({ session, children }: { session: SessionPayload; children?: ReactNode }) {
  return (
    <LivepushAuthProvider initialSession={session}>
      <Account />
      {children}
    </LivepushAuthProvider>
  );
}
