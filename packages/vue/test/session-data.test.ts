// #18 through the composable: `useLivepush().data`, `refresh({ profile: true })` and
// `signOut({ everywhere: true })`, over the real handler (a memory store, `onSignIn` data) and the mock.
import { createMemoryStore } from '@livepush/auth-core/server';
import { Browser } from '@livepush/test-support';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent } from 'vue';
import { createLivepush, type UseLivepushReturn, useLivepush } from '../src/index';
import { type Backend, ORIGIN, startBackend, until } from './harness';

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend(
    {},
    {
      store: createMemoryStore(),
      onSignIn: ({ user }) => ({ data: { role: 'member', memberSince: user?.createdAt ?? 'unknown' } }),
    },
  );
});
afterEach(() => backend.close());

/** Signs in through the real flow (approve on the mock), then "reloads the page" with a fresh store. */
async function signedIn() {
  const first = backend.createClient();
  first.signIn();
  await backend.settled();
  first.destroy();
  const client = backend.createClient();
  let result: UseLivepushReturn | undefined;
  const Probe = defineComponent({
    setup() {
      result = useLivepush();
      return () => null;
    },
  });
  mount(Probe, { global: { plugins: [createLivepush({ client })] } });
  await until(client, (s) => s.status !== 'loading');
  return { client, auth: result! };
}

describe('useLivepush and the app’s session (#18)', () => {
  it('data: what onSignIn kept, as a readonly ref; null once signed out', async () => {
    const { client, auth } = await signedIn();
    expect(auth.data.value).toEqual({ role: 'member', memberSince: '2023-07-19T10:24:02.000Z' });
    await auth.signOut();
    await until(client, (s) => s.status === 'unauthenticated');
    expect(auth.data.value).toBeNull();
  });

  it('refresh({ profile: true }) re-reads the profile on the server; the ref follows', async () => {
    const { auth } = await signedIn();
    expect(auth.user.value?.name).toBe('Ada Lovelace');
    backend.mock.setUser({ name: 'Ada King' });
    const snapshot = await auth.refresh({ profile: true });
    await flushPromises();
    expect(snapshot.user?.name).toBe('Ada King');
    expect(auth.user.value?.name).toBe('Ada King');
    expect(backend.requests).toContain('POST /auth/session');
  });

  it('signOut({ everywhere: true }) ends the user’s session in another browser too', async () => {
    const elsewhere = new Browser(backend.auth, { origin: ORIGIN });
    await elsewhere.signIn();
    const { client, auth } = await signedIn();
    await auth.signOut({ everywhere: true });
    await until(client, (s) => s.status === 'unauthenticated');
    expect(auth.error.value).toBeNull();
    expect(await elsewhere.session()).toEqual({ authenticated: false });
  });
});
