import { LivepushAuthProvider, useLivepushAuth } from '@livepush/auth-react';

function Account() {
  const { isAuthenticated, user, signIn, signOut } = useLivepushAuth();
  if (!isAuthenticated) return <button onClick={() => signIn()}>Sign in with Livepush</button>;
  return <button onClick={() => signOut()}>Sign out {user?.name}</button>;
}

export const App = () => (
  <LivepushAuthProvider>
    <Account />
  </LivepushAuthProvider>
);
