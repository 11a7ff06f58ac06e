'use client';
// The same screen with next-auth/react in a Next.js app: the root layout passes the server's session.
import type { Session } from 'next-auth';
import { SessionProvider, signIn, signOut, useSession } from 'next-auth/react';
import type { ReactNode } from 'react';

function Account() {
  const { data, status } = useSession();
  if (status === 'loading') return <p>Loading…</p>;
  if (!data)
    return (
      <button type="button" onClick={() => signIn('livepush')}>
        Sign in
      </button>
    );
  return (
    <p>
      {data.user?.name}
      <button type="button" onClick={() => signOut()}>
        Sign out
      </button>
    </p>
  );
}

export function Providers({ session, children }: { session: Session | null; children?: ReactNode }) {
  return (
    <SessionProvider session={session}>
      <Account />
      {children}
    </SessionProvider>
  );
}
