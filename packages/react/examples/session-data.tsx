import { useLivepushAuth } from '@livepush/auth-react';

// Once, anywhere in your app: the shape of what your server's onSignIn / updateSession keep.
declare module '@livepush/auth-core' {
  interface LivepushSessionData {
    role?: 'admin' | 'member';
    memberSince?: string;
  }
}

export function Account() {
  const auth = useLivepushAuth();
  if (!auth.isAuthenticated) return null;
  return (
    <section>
      <p>Role: {auth.data.role ?? 'member'}</p>
      <button type="button" onClick={() => auth.refresh({ profile: true })}>
        Refresh my Livepush profile
      </button>
      <button type="button" onClick={() => auth.signOut({ everywhere: true })}>
        Sign out everywhere
      </button>
    </section>
  );
}
