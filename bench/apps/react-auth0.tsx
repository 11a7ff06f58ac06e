import { Auth0Provider, useAuth0 } from '@auth0/auth0-react';
import { createRoot } from 'react-dom/client';

function Account() {
  const { isLoading, isAuthenticated, user, loginWithRedirect, logout } = useAuth0();
  if (isLoading) return <p>Loading…</p>;
  if (!isAuthenticated)
    return (
      <button type="button" onClick={() => loginWithRedirect()}>
        Sign in
      </button>
    );
  return (
    <p>
      {user?.name}
      <button type="button" onClick={() => logout()}>
        Sign out
      </button>
    </p>
  );
}

createRoot(document.getElementById('root')!).render(
  <Auth0Provider
    domain="id.example.com"
    clientId="client"
    authorizationParams={{ redirect_uri: window.location.origin }}
  >
    <Account />
  </Auth0Provider>,
);
