import { act, cleanup, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LivepushAuthProvider, RequireScopes, useHasScopes, useRequestScopes } from '../src';
import { openPage, renderWithProvider, signInPage } from './support/render';

beforeEach(() => openPage());
afterEach(() => cleanup());

describe('RequireScopes, useHasScopes, useRequestScopes', () => {
  it('renders the fallback while a scope is missing and asks for exactly the missing ones', async () => {
    await signInPage();
    const { navigate } = renderWithProvider({
      ui: (
        <RequireScopes
          scopes={['streams.read', 'streams.create']}
          fallback={({ missing, request }) => (
            <button type="button" onClick={() => request({ returnTo: '/create' })}>
              Allow {missing.join(', ')}
            </button>
          )}
        >
          <p>Create form</p>
        </RequireScopes>
      ),
    });
    const button = await screen.findByRole('button', { name: 'Allow streams.create' });
    expect(screen.queryByText('Create form')).toBeNull();
    act(() => button.click());
    const url = new URL(navigate.mock.calls[0]![0], 'http://x');
    expect(url.pathname).toBe('/auth/login');
    expect(url.searchParams.get('scope')).toBe('streams.create');
    expect(url.searchParams.get('returnTo')).toBe('/create');
  });

  it('renders children once the scopes are granted (incremental consent through the real flow)', async () => {
    await signInPage('?scope=profile.read%20streams.read%20streams.create');
    renderWithProvider({
      ui: (
        <RequireScopes scopes={['streams.create']} fallback={<p>Not allowed</p>}>
          <p>Create form</p>
        </RequireScopes>
      ),
    });
    expect(screen.queryByText('Not allowed')).not.toBeNull();
    await screen.findByText('Create form');
  });

  it('useHasScopes and useRequestScopes follow the session', async () => {
    await signInPage();
    const renders = vi.fn();
    const { result } = renderHook(
      () => {
        renders();
        return {
          has: useHasScopes(['profile.read']),
          request: useRequestScopes(['profile.read', 'streams.create']),
        };
      },
      { wrapper: ({ children }) => <LivepushAuthProvider>{children}</LivepushAuthProvider> },
    );
    expect(result.current.has).toBe(false);
    await waitFor(() => expect(result.current.has).toBe(true));
    expect(result.current.request.granted).toBe(false);
    expect(result.current.request.missing).toEqual(['streams.create']);
    const before = result.current.request;
    const count = renders.mock.calls.length;
    act(() => void 0);
    expect(result.current.request).toBe(before);
    expect(renders.mock.calls.length).toBe(count);
  });
});
