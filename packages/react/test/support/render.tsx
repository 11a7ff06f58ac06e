import { render } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { inject, vi } from 'vitest';
import { LivepushAuthProvider, type LivepushAuthProviderProps, useLivepushAuth } from '../../src';

declare global {
  interface Window {
    happyDOM: { setURL(url: string): void };
  }
}

/** The test server's origin; the page is put on it so the store's relative URLs and cookies work. */
export const origin = inject('authServer');

/** Puts the page at `path` on the test server, signed out. */
export async function openPage(path = '/'): Promise<void> {
  window.happyDOM.setURL(new URL(path, origin).href);
  await window.fetch('/auth/logout', { method: 'POST', headers: { accept: 'application/json' } });
}

/** Signs the page in through the real flow (handler → mock → callback); returns where the callback redirected. */
export async function signInPage(query = ''): Promise<string> {
  const response = await window.fetch(`/test/sign-in${query}`);
  return ((await response.json()) as { location: string }).location;
}

/** Spies on the page's fetch; returns the `METHOD path` of every call. */
export function recordRequests(): string[] {
  const calls: string[] = [];
  const real = window.fetch.bind(window);
  vi.spyOn(window, 'fetch').mockImplementation((input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), origin);
    calls.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${url.pathname}`);
    return real(input, init);
  });
  return calls;
}

/** Shows what `useLivepushAuth()` returns, by role and test id. */
export function Session(): ReactNode {
  const auth = useLivepushAuth();
  return (
    <div>
      <p data-testid="status">{auth.status}</p>
      {auth.isLoading && <p>Loading…</p>}
      {auth.isAuthenticated && <p data-testid="user">{auth.user?.name}</p>}
      <p data-testid="scopes">{auth.scopes.join(' ')}</p>
      {auth.error && <p role="alert">{auth.error.code}</p>}
      <button type="button" onClick={() => auth.signIn()}>
        Sign in
      </button>
      <button type="button" onClick={() => auth.signOut()}>
        Sign out
      </button>
    </div>
  );
}

/** Renders `ui` (default {@link Session}) under a provider whose navigation is recorded, not performed. */
export function renderWithProvider(
  options: { props?: Partial<LivepushAuthProviderProps>; strict?: boolean; ui?: ReactNode } = {},
) {
  const navigate = vi.fn<(url: string) => void>();
  const tree = (
    <LivepushAuthProvider navigate={navigate} {...(options.props as object)}>
      {options.ui ?? <Session />}
    </LivepushAuthProvider>
  );
  const result = render(options.strict ? <StrictMode>{tree}</StrictMode> : tree);
  return { ...result, navigate };
}
