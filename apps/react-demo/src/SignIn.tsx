import { describeScope } from '@livepush/auth-core';
import { useLivepushAuth } from '@livepush/auth-react';
import { SIGN_IN_SCOPES } from './scopes';

export function SignIn() {
  const { signIn } = useLivepushAuth();
  return (
    <section className="card" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">You are signed out</h2>
      <p>Signing in asks Livepush for:</p>
      <ul aria-label="Requested scopes" className="scopes">
        {SIGN_IN_SCOPES.map((scope) => (
          <li key={scope}>
            <code>{scope}</code> — {describeScope(scope)}
          </li>
        ))}
      </ul>
      <button type="button" className="primary" onClick={() => signIn({ scopes: SIGN_IN_SCOPES })}>
        Sign in with Livepush
      </button>
    </section>
  );
}
