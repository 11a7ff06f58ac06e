import { hasScopes } from '@livepush/auth-core';
import { api, auth } from '../../lib/livepush';
import { createStreamAction } from '../actions';

/** The user's streams, read in this Server Component through the typed API (as the user, server-side). */
async function listStreams(): Promise<
  { streams: { id: string; name: string; category: string }[] } | { problem: string }
> {
  try {
    const streams = await (await api()).streams.list();
    return {
      streams: streams.map((s) => ({ id: s.id, name: s.metadata.name, category: s.metadata.category ?? '' })),
    };
  } catch (error) {
    return {
      problem: `Could not load your streams: ${error instanceof Error ? error.message : 'unknown error'}`,
    };
  }
}

/** "Your streams" and the create form (a Server Action: asks for streams.create first when missing). */
export async function Streams({ page, problem }: { page: '/' | '/streams'; problem?: string | undefined }) {
  const [result, session] = await Promise.all([listStreams(), auth()]);
  const canCreate = session !== null && hasScopes(session.scopes, ['streams.create']);
  return (
    <section className="card" aria-labelledby="streams-heading">
      <h2 id="streams-heading">Your streams</h2>
      {'problem' in result && (
        <p role="alert" className="error">
          {result.problem}
        </p>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {'streams' in result &&
        (result.streams.length === 0 ? (
          <p className="muted">No streams yet.</p>
        ) : (
          <ul aria-labelledby="streams-heading" className="streams">
            {result.streams.map((stream) => (
              <li key={stream.id}>
                {stream.name} <small className="muted">{stream.category}</small>
              </li>
            ))}
          </ul>
        ))}
      <form action={createStreamAction} className="create">
        <input type="hidden" name="page" value={page} />
        <label>
          Stream name
          <input name="name" required autoComplete="off" />
        </label>
        <button type="submit" className="primary">
          Create stream
        </button>
        {!canCreate && (
          <small className="muted">
            Asks Livepush for <code>streams.create</code> first.
          </small>
        )}
      </form>
    </section>
  );
}
