import { describe, expect, it, vi } from 'vitest';
import { createAuthClient } from '../../src/client/index';
import { SIGNED_IN } from './router';

describe('on the server (no window)', () => {
  it('imports, constructs and subscribes without touching window, fetch or timers', () => {
    expect(typeof window).toBe('undefined');
    const fetch = vi.fn();
    const auth = createAuthClient({ fetch });
    const listener = vi.fn();
    const unsubscribe = auth.subscribe(listener);
    expect(auth.getSnapshot().status).toBe('loading');
    expect(auth.getServerSnapshot()).toBe(auth.getSnapshot());
    unsubscribe();
    auth.destroy();
    expect(fetch).not.toHaveBeenCalled();
    expect(listener).not.toHaveBeenCalled();
  });

  it('renders the initial session', () => {
    const auth = createAuthClient({ initialSession: SIGNED_IN });
    expect(auth.getServerSnapshot()).toMatchObject({
      status: 'authenticated',
      scopes: ['profile.read', 'streams.read'],
    });
    expect(auth.hasScopes(['streams.read'])).toBe(true);
  });

  it('renders the error a failed sign-in came back with (initialError); ignores codes that are not ours', () => {
    const denied = createAuthClient({
      initialSession: { authenticated: false },
      initialError: 'access_denied',
    });
    expect(denied.getServerSnapshot()).toEqual({
      status: 'unauthenticated',
      user: null,
      scopes: [],
      expiresAt: null,
      data: null,
      error: { code: 'access_denied', message: 'Sign-in was cancelled.' },
    });
    expect(denied.getSnapshot()).toBe(denied.getServerSnapshot());
    for (const initialError of ['spelling', '', null, undefined]) {
      expect(
        createAuthClient({ initialSession: SIGNED_IN, initialError }).getServerSnapshot().error,
      ).toBeNull();
    }
  });
});
