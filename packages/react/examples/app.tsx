// The README's example, compiled by `pnpm typecheck` so it cannot rot.
import { LivepushAuthProvider, RequireScopes, useLivepushAuth } from '@livepush/auth-react';
import { createRoot } from 'react-dom/client';

function Account() {
  const { isLoading, isAuthenticated, user, scopes, error, signIn, signOut } = useLivepushAuth();
  if (isLoading) return <p>Loading…</p>;
  if (!isAuthenticated) {
    return (
      <>
        {error && <p role="alert">{error.message}</p>}
        <button type="button" onClick={() => signIn({ scopes: ['profile.read', 'streams.read'] })}>
          Sign in with Livepush
        </button>
      </>
    );
  }
  return (
    <>
      <p>Signed in as {user?.name ?? 'a Livepush user'}</p>
      <p>Granted: {scopes.join(', ')}</p>
      <RequireScopes
        scopes={['streams.create']}
        fallback={({ request }) => (
          <button type="button" onClick={() => request()}>
            Allow creating streams
          </button>
        )}
      >
        <CreateStream />
      </RequireScopes>
      <button type="button" onClick={() => signOut()}>
        Sign out
      </button>
    </>
  );
}

function CreateStream() {
  const { fetch } = useLivepushAuth();
  const create = () =>
    fetch('/streams', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'My stream', category: 'simulcast' }),
    });
  return (
    <button type="button" onClick={create}>
      Create stream
    </button>
  );
}

// Your server mounts `createLivepushAuth(...).handler` under /auth (the default basePath).
createRoot(document.getElementById('root')!).render(
  <LivepushAuthProvider>
    <Account />
  </LivepushAuthProvider>,
);
