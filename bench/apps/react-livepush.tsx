// The same minimal React app for every library: a provider, a status line, sign in, sign out.
import { LivepushAuthProvider, useLivepushAuth } from '@livepush/auth-react';
import { createRoot } from 'react-dom/client';

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

createRoot(document.getElementById('root')!).render(
  <LivepushAuthProvider>
    <Account />
  </LivepushAuthProvider>,
);
