// app/streams/page.tsx — a Server Component: the streams through the typed API, forms as Server Actions.
import { api, requireScopes, signOut } from '@/lib/livepush';

export default async function Streams() {
  await requireScopes('streams.read'); // signed out or lacking it: off to sign in, back here
  const streams = await (await api()).streams.list(); // as the user, server-side
  return (
    <>
      <ul>
        {streams.map((stream) => (
          <li key={stream.id}>{stream.metadata.name}</li>
        ))}
      </ul>
      <form
        action={async () => {
          'use server';
          await signOut();
        }}
      >
        <button type="submit">Sign out</button>
      </form>
    </>
  );
}
