import { type AuthClient, createAuthClient } from '@livepush/auth-core/client';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LivepushAuthProvider, useLivepushAuth, useLivepushAuthClient } from '../src';
import { openPage, recordRequests, renderWithProvider, Session, signInPage } from './support/render';

beforeEach(() => openPage());
afterEach(() => cleanup());

/** Records the store its provider gives it, render after render. */
function Capture({ seen }: { seen: AuthClient[] }) {
  seen.push(useLivepushAuthClient());
  return null;
}

const status = () => screen.getByTestId('status').textContent;

/** A session as a server renders it into the page (`initialSession`). */
const SIGNED_IN = {
  authenticated: true,
  scopes: ['profile.read'],
  expiresAt: 1,
  user: null,
  userId: null,
  data: {},
} as const;

describe('LivepushAuthProvider + useLivepushAuth over the real handler and mock', () => {
  it('goes from loading to authenticated with the profile and granted scopes', async () => {
    await signInPage();
    renderWithProvider();
    expect(status()).toBe('loading');
    expect(screen.queryByText('Loading…')).not.toBeNull();
    await waitFor(() => expect(status()).toBe('authenticated'));
    expect(screen.getByTestId('user').textContent).toBe('Ada Lovelace');
    expect(screen.getByTestId('scopes').textContent?.split(' ').sort()).toEqual([
      'profile.read',
      'streams.read',
    ]);
  });

  it('goes from loading to unauthenticated without a session', async () => {
    renderWithProvider();
    await waitFor(() => expect(status()).toBe('unauthenticated'));
    expect(screen.queryByTestId('user')).toBeNull();
  });

  it('signs out: the server session ends and the page shows it', async () => {
    await signInPage();
    renderWithProvider();
    await waitFor(() => expect(status()).toBe('authenticated'));
    await act(() => screen.getByRole('button', { name: 'Sign out' }).click());
    await waitFor(() => expect(status()).toBe('unauthenticated'));
    const session = await (await window.fetch('/auth/session')).json();
    expect(session).toEqual({ authenticated: false });
  });

  it('shows a denied consent as an error and stays signed out', async () => {
    const location = await signInPage('?consent=deny');
    expect(location).toContain('error=access_denied');
    await openPage(location);
    renderWithProvider();
    expect(screen.getByRole('alert').textContent).toBe('access_denied');
    await waitFor(() => expect(status()).toBe('unauthenticated'));
    expect(screen.getByRole('alert').textContent).toBe('access_denied');
    // The store took the error out of the address bar, so a reload does not show it again.
    expect(window.location.search).toBe('');
  });

  it('shows an unreachable server as an error', async () => {
    vi.spyOn(window, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    renderWithProvider();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('network_error'));
  });

  it('signIn() navigates to the login route with returnTo', async () => {
    const { navigate } = renderWithProvider();
    await waitFor(() => expect(status()).toBe('unauthenticated'));
    act(() => screen.getByRole('button', { name: 'Sign in' }).click());
    expect(navigate).toHaveBeenCalledOnce();
    const url = new URL(navigate.mock.calls[0]![0], 'http://x');
    expect(url.pathname).toBe('/auth/login');
    expect(url.searchParams.get('returnTo')).toBe('/');
  });

  it('starts settled from initialSession and makes no request', async () => {
    const calls = recordRequests();
    renderWithProvider({
      props: {
        initialSession: {
          authenticated: true,
          scopes: ['profile.read'],
          expiresAt: Date.now() + 60_000,
          user: null,
          userId: null,
          data: {},
        },
        refetchOnFocus: false,
      },
    });
    expect(status()).toBe('authenticated');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(status()).toBe('authenticated');
    expect(calls).toEqual([]);
  });

  it('renders initialSession on the server (getServerSnapshot) without touching the network', () => {
    const calls = recordRequests();
    const html = renderToString(
      <LivepushAuthProvider
        initialSession={{ ...SIGNED_IN, scopes: [...SIGNED_IN.scopes] }}
        refetchOnFocus={false}
      >
        <Session />
      </LivepushAuthProvider>,
    );
    expect(html).toContain('authenticated');
    expect(html).not.toContain('Loading');
    expect(calls).toEqual([]);
  });

  it('hydrates server-rendered markup from the same initialSession without a mismatch or a request', async () => {
    const session = SIGNED_IN;
    const tree = (
      <LivepushAuthProvider initialSession={{ ...session, scopes: [...session.scopes] }}>
        <Session />
      </LivepushAuthProvider>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(tree);
    document.body.append(container);
    const calls = recordRequests();
    const errors = vi.spyOn(console, 'error');
    const recoverable = vi.fn();
    const root = await act(async () => hydrateRoot(container, tree, { onRecoverableError: recoverable }));
    expect(container.querySelector('[data-testid="status"]')?.textContent).toBe('authenticated');
    expect(recoverable).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
    act(() => root.unmount());
    container.remove();
  });

  it('is StrictMode-safe: one session request, one sign-in navigation', async () => {
    await signInPage();
    const calls = recordRequests();
    const { navigate } = renderWithProvider({ strict: true });
    await waitFor(() => expect(status()).toBe('authenticated'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual(['GET /auth/session']);
    act(() => screen.getByRole('button', { name: 'Sign in' }).click());
    expect(navigate).toHaveBeenCalledOnce();
  });

  it('keeps the client it created across StrictMode remounts and destroys it on unmount', async () => {
    const seen: AuthClient[] = [];
    const { unmount } = render(
      <StrictMode>
        <LivepushAuthProvider>
          <Capture seen={seen} />
        </LivepushAuthProvider>
      </StrictMode>,
    );
    const client = seen.at(-1)!;
    expect(new Set(seen).size).toBe(1);
    const destroy = vi.spyOn(client, 'destroy');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(destroy).not.toHaveBeenCalled();
    unmount();
    await waitFor(() => expect(destroy).toHaveBeenCalledOnce());
  });

  it('uses a given client and leaves it alive on unmount', async () => {
    const client = createAuthClient({ refetchOnFocus: false, syncTabs: false });
    const destroy = vi.spyOn(client, 'destroy');
    const { result, unmount } = renderHook(() => useLivepushAuth(), {
      wrapper: ({ children }) => <LivepushAuthProvider client={client}>{children}</LivepushAuthProvider>,
    });
    await waitFor(() => expect(result.current.status).toBe('unauthenticated'));
    expect(result.current.signIn).toBe(client.signIn);
    unmount();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(destroy).not.toHaveBeenCalled();
    client.destroy();
  });

  it('keeps actions stable across renders and hasScopes in step with the session', async () => {
    await signInPage();
    const { result, rerender } = renderHook(() => useLivepushAuth(), {
      wrapper: ({ children }) => <LivepushAuthProvider>{children}</LivepushAuthProvider>,
    });
    const first = result.current;
    expect(first.hasScopes(['profile.read'])).toBe(false);
    await waitFor(() => expect(result.current.isAuthenticated).toBe(true));
    const settled = result.current;
    rerender();
    expect(result.current).toBe(settled);
    for (const name of ['signIn', 'signOut', 'refresh', 'fetch'] as const)
      expect(settled[name]).toBe(first[name]);
    expect(settled.hasScopes(['profile.read', 'streams.read'])).toBe(true);
    expect(settled.hasScopes(['streams.create'])).toBe(false);
    expect(settled.expiresAt).toBeGreaterThan(Date.now());
  });

  it('fetch() calls the Livepush API through the server proxy', async () => {
    await signInPage();
    const { result } = renderHook(() => useLivepushAuth(), {
      wrapper: ({ children }) => <LivepushAuthProvider>{children}</LivepushAuthProvider>,
    });
    await waitFor(() => expect(result.current.isAuthenticated).toBe(true));
    const response = await result.current.fetch('/streams/mine');
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
  });

  it('throws an error naming the provider when used outside it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useLivepushAuth())).toThrow(
      'useLivepushAuth() must be used inside <LivepushAuthProvider>',
    );
    expect(() => renderHook(() => useLivepushAuthClient())).toThrow(/<LivepushAuthProvider>/);
  });
});
