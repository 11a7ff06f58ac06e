// @vitest-environment node
import { createAuthClient } from '@livepush/auth-core/client';
import { describe, expect, it, vi } from 'vitest';
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import ProfileCard from '../examples/ProfileCard.vue';
import { createLivepush } from '../src/index';
import { countListeners } from './harness';

const user = {
  id: 'u_1',
  username: 'ada',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  avatar: 'https://example.com/ada.png',
  ns: 'ada',
  isDisabled: false,
  createdAt: '2024-01-01T00:00:00.000Z',
  preferences: {},
  billingInfo: { email: 'ada@example.com', name: 'Ada Lovelace' },
};

describe('server rendering', () => {
  it('renders the initialSession with no window, no request and no subscription', async () => {
    expect(typeof window).toBe('undefined');
    const fetch = vi.fn<typeof globalThis.fetch>();
    const client = countListeners(
      createAuthClient({
        fetch,
        initialSession: {
          authenticated: true,
          scopes: ['profile.read'],
          expiresAt: Date.now() + 60_000,
          user,
        },
      }),
    );
    const app = createSSRApp(ProfileCard).use(createLivepush({ client }));
    const html = await renderToString(app);
    expect(html).toContain('Signed in as Ada Lovelace');
    expect(html).toContain('Scopes: profile.read');
    expect(fetch).not.toHaveBeenCalled();
    expect(client.listeners).toBe(0);
  });

  it('renders signed out from an unauthenticated initialSession, and loading without one', async () => {
    const signedOut = createSSRApp(ProfileCard).use(
      createLivepush({ initialSession: { authenticated: false } }),
    );
    expect(await renderToString(signedOut)).toContain('Sign in with Livepush');
    const unknown = createSSRApp(ProfileCard).use(
      createLivepush({ fetch: vi.fn<typeof globalThis.fetch>() }),
    );
    expect(await renderToString(unknown)).toContain('Loading…');
  });
});
