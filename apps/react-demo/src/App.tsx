import { useLivepushAuth } from '@livepush/auth-react';
import { describeClientError } from '@livepush/demo-shared/messages';
import { Profile } from './Profile';
import { SignIn } from './SignIn';
import { Streams } from './Streams';

export function App() {
  const { isLoading, isAuthenticated, error } = useLivepushAuth();
  return (
    <>
      <header>
        <h1>
          Livepush Auth <span>· React</span>
        </h1>
      </header>
      {error && (
        <p role="alert" className="error">
          {describeClientError(error)}
        </p>
      )}
      <main>
        {isLoading ? (
          <p>Loading your session…</p>
        ) : isAuthenticated ? (
          <>
            <Profile />
            <Streams />
          </>
        ) : (
          <SignIn />
        )}
      </main>
    </>
  );
}
