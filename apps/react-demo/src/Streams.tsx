import { useLivepushAuth, useRequestScopes } from '@livepush/auth-react';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { CREATE_SCOPES } from './scopes';

/** The fields of a `GET /streams/mine` item the demo shows. */
interface LivepushStream {
  id: string;
  metadata: { name: string; category: string };
}

/** The API's (or the proxy's) error message, whatever the body. */
async function messageOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { message?: string; code?: string } | null;
  return body?.message ?? body?.code ?? `The request failed (HTTP ${response.status}).`;
}

export function Streams() {
  const { fetch } = useLivepushAuth();
  const create = useRequestScopes(CREATE_SCOPES);
  const [streams, setStreams] = useState<LivepushStream[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const response = await fetch('/streams/mine');
      if (!response.ok) return setProblem(`Could not load your streams: ${await messageOf(response)}`);
      setStreams((await response.json()) as LivepushStream[]);
      setProblem(null);
    } catch {
      setProblem('Could not load your streams: the server is unreachable.');
    }
  }, [fetch]);

  useEffect(() => {
    void load();
  }, [load]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wanted = name.trim();
    if (!wanted) return;
    // Incremental consent: ask for streams.create only now, then come back here.
    if (!create.granted) return create.request();
    setBusy(true);
    try {
      const response = await fetch('/streams', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: wanted, category: 'simulcast' }),
      });
      if (!response.ok) return setProblem(`Could not create the stream: ${await messageOf(response)}`);
      setName('');
      await load();
    } catch {
      setProblem('Could not create the stream: the server is unreachable.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="streams-heading">
      <h2 id="streams-heading">Your streams</h2>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {streams === null ? (
        !problem && <p className="muted">Loading streams…</p>
      ) : streams.length === 0 ? (
        <p className="muted">No streams yet.</p>
      ) : (
        <ul aria-labelledby="streams-heading" className="streams">
          {streams.map((stream) => (
            <li key={stream.id}>
              {stream.metadata.name} <small className="muted">{stream.metadata.category}</small>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="create">
        <label>
          Stream name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            name="name"
            required
            autoComplete="off"
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Create stream
        </button>
        {!create.granted && (
          <small className="muted">
            Asks Livepush for <code>streams.create</code> first.
          </small>
        )}
      </form>
    </section>
  );
}
