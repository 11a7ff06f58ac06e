'use client';
// app/account.tsx — a Client Component: the session the server rendered, kept by the browser store.
import { useLivepushAuth } from '@livepush/auth-next/client';

export function Account() {
  const { isAuthenticated, user, scopes, signIn } = useLivepushAuth();
  if (!isAuthenticated)
    return (
      <button type="button" onClick={() => signIn()}>
        Sign in with Livepush
      </button>
    );
  return (
    <p>
      {user?.name} granted {scopes.join(', ')}
    </p>
  );
}
