// The README's browser example, compiled by `pnpm typecheck`.
import { createAuthClient } from '@livepush/auth-core/client';

const auth = createAuthClient(); // talks to /auth/* on this origin, cookies only

const unsubscribe = auth.subscribe(() => {
  const { status, user, scopes } = auth.getSnapshot();
  if (status === 'authenticated') console.log(`Hello ${user?.name}, you granted ${scopes.join(', ')}`);
});

export async function showStreams(): Promise<void> {
  if (!auth.hasScopes(['streams.read'])) return auth.signIn({ scopes: ['streams.read'] });
  const response = await auth.fetch('/streams/mine'); // proxied by the server with the user's token
  console.log(await response.json());
}

export { unsubscribe };
