// #18 through the hook: the app's `data` in `useLivepushAuth()`, `refresh({ profile: true })` and
// `signOut({ everywhere: true })`, over the real handler (a memory store, `onSignIn` data) and the mock.
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLivepushAuth } from '../src';
import { openPage, renderWithProvider, signInPage } from './support/render';

beforeEach(() => openPage());
afterEach(async () => {
  cleanup();
  await window.fetch('/test/profile-name?name=Ada%20Lovelace');
});

/** Shows the session's data and the #18 actions. */
function Account(): ReactNode {
  const auth = useLivepushAuth();
  return (
    <div>
      <p data-testid="status">{auth.status}</p>
      <p data-testid="data">{JSON.stringify(auth.data)}</p>
      <p data-testid="user">{auth.user?.name ?? ''}</p>
      {auth.error && <p role="alert">{auth.error.code}</p>}
      <button type="button" onClick={() => auth.refresh({ profile: true })}>
        Refresh profile
      </button>
      <button type="button" onClick={() => auth.signOut({ everywhere: true })}>
        Sign out everywhere
      </button>
    </div>
  );
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe('useLivepushAuth and the app’s session (#18)', () => {
  it('data: what onSignIn kept once signed in, null signed out', async () => {
    renderWithProvider({ ui: <Account /> });
    await waitFor(() => expect(text('status')).toBe('unauthenticated'));
    expect(text('data')).toBe('null');
    cleanup();
    await signInPage();
    renderWithProvider({ ui: <Account /> });
    await waitFor(() => expect(text('status')).toBe('authenticated'));
    expect(JSON.parse(text('data')!)).toEqual({ role: 'member', memberSince: '2023-07-19T10:24:02.000Z' });
  });

  it('refresh({ profile: true }) shows the profile Livepush has now', async () => {
    await signInPage();
    renderWithProvider({ ui: <Account /> });
    await waitFor(() => expect(text('user')).toBe('Ada Lovelace'));
    await window.fetch('/test/profile-name?name=Ada%20King');
    await act(() => screen.getByRole('button', { name: 'Refresh profile' }).click());
    await waitFor(() => expect(text('user')).toBe('Ada King'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('signOut({ everywhere: true }) ends this session and the user’s session in another browser', async () => {
    const other = await (await window.fetch('/test/elsewhere/sign-in')).json();
    expect(other).toMatchObject({ authenticated: true });
    await signInPage();
    renderWithProvider({ ui: <Account /> });
    await waitFor(() => expect(text('status')).toBe('authenticated'));
    await act(() => screen.getByRole('button', { name: 'Sign out everywhere' }).click());
    await waitFor(() => expect(text('status')).toBe('unauthenticated'));
    expect(await (await window.fetch('/auth/session')).json()).toEqual({ authenticated: false });
    expect(await (await window.fetch('/test/elsewhere/session')).json()).toEqual({ authenticated: false });
  });
});
