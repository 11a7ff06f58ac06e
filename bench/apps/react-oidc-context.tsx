import { createRoot } from 'react-dom/client';
import { AuthProvider, useAuth } from 'react-oidc-context';

function Account() {
  const { isLoading, isAuthenticated, user, signinRedirect, signoutRedirect } = useAuth();
  if (isLoading) return <p>Loading…</p>;
  if (!isAuthenticated)
    return (
      <button type="button" onClick={() => signinRedirect()}>
        Sign in
      </button>
    );
  return (
    <p>
      {user?.profile.name}
      <button type="button" onClick={() => signoutRedirect()}>
        Sign out
      </button>
    </p>
  );
}

createRoot(document.getElementById('root')!).render(
  <AuthProvider authority="https://id.example.com" client_id="client" redirect_uri={window.location.origin}>
    <Account />
  </AuthProvider>,
);
