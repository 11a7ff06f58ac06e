import { describeSignInError } from '@livepush/demo-shared/messages';
import { requireScopes } from '../../lib/livepush';
import { SignIn } from '../components/sign-in';
import { Streams } from '../components/streams';

/**
 * Guarded twice: the proxy sends a visitor without `streams.read` to Livepush before this renders
 * (`protect` in lib/demo-options.ts), and requireScopes checks again where it is used.
 */
export default async function StreamsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { error, problem } = await searchParams;
  if (typeof error === 'string') {
    // Back from a refused sign-in: say so, no loop back to Livepush.
    return (
      <>
        <p role="alert" className="error">
          {describeSignInError(error)}
        </p>
        <SignIn />
      </>
    );
  }
  await requireScopes('streams.read');
  return (
    <>
      <p className="muted">
        The proxy guards this page (<code>protect</code>), and it calls{' '}
        <code>requireScopes('streams.read')</code>.
      </p>
      <Streams page="/streams" problem={typeof problem === 'string' ? problem : undefined} />
    </>
  );
}
