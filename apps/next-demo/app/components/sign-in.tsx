import { describeScope } from '@livepush/auth-core';
import { SIGN_IN_SCOPES } from '../../lib/demo-options';
import { signInAction } from '../actions';

/** Signed out: what signing in asks for, and a Server Action form (works without JavaScript). */
export function SignIn() {
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
      <form action={signInAction}>
        {SIGN_IN_SCOPES.map((scope) => (
          <input key={scope} type="hidden" name="scope" value={scope} />
        ))}
        <button type="submit" className="primary">
          Sign in with Livepush
        </button>
      </form>
    </section>
  );
}
