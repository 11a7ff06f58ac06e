import { hasScopes } from '@livepush/auth-core';
import { describeSignInError } from '@livepush/demo-shared/messages';
import { demoSessionMode } from '@livepush/demo-shared/session';
import { auth } from '../lib/livepush';
import { Profile } from './components/profile';
import { SignIn } from './components/sign-in';
import { Streams } from './components/streams';

/** Home: signed out, the sign-in form; signed in, the profile (a Client Component) and the streams. */
export default async function Home({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { error, problem } = await searchParams;
  const session = await auth();
  return (
    <>
      {typeof error === 'string' && (
        <p role="alert" className="error">
          {describeSignInError(error)}
        </p>
      )}
      {session ? (
        <>
          <Profile signOutEverywhere={demoSessionMode() === 'store'} />
          {hasScopes(session.scopes, ['streams.read']) && (
            <Streams page="/" problem={typeof problem === 'string' ? problem : undefined} />
          )}
        </>
      ) : (
        <SignIn />
      )}
    </>
  );
}
