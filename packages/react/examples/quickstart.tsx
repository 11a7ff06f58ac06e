import { LivepushAuthProvider, useLivepushAuth } from '@livepush/auth-react';

function Account() {
  const { isAuthenticated, user, signIn, signOut } = useLivepushAuth();
  if (!isAuthenticated)
    return (
      <button type="button" onClick={() => signIn()}>
        Sign in with Livepush
      </button>
    );
  return (
    <button type="button" onClick={() => signOut()}>
      Sign out {user?.name}
    </button>
  );
}

export const App = () => (
  <LivepushAuthProvider>
    <Account />
  </LivepushAuthProvider>
);
