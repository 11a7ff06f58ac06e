import { SessionProvider, signIn, signOut, useSession } from 'next-auth/react';
import { createRoot } from 'react-dom/client';

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

createRoot(document.getElementById('root')!).render(
  <SessionProvider>
    <Account />
  </SessionProvider>,
);
