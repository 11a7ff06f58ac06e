import { api, auth } from '../../lib/livepush';

/**
 * A page the proxy does not match (see proxy.ts): nothing refreshes the session before it renders, so
 * the API call here refreshes a due token while rendering, where Next.js takes no cookie. The new
 * session is handed to the browser's next request instead (never a second refresh, never a replay).
 */
export default async function Elsewhere() {
  const session = await auth();
  if (!session) return <p>You are signed out.</p>;
  const streams = await (await api()).streams.list();
  return (
    <section className="card" aria-labelledby="elsewhere-heading">
      <h2 id="elsewhere-heading">Outside the proxy</h2>
      <p>{streams.length} streams, read by a Server Component on a page the proxy does not match.</p>
    </section>
  );
}
