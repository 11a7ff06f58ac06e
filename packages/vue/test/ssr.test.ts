// @vitest-environment node
import { createAuthClient, type SessionPayload } from '@livepush/auth-core/client';
import { describe, expect, it, vi } from 'vitest';
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import ProfileCard from '../examples/ProfileCard.vue';
import { createLivepush } from '../src/index';
import { createLivepushGuard } from '../src/router';
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
          userId: null,
          data: {},
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

  it('runs the route guard on the server from initialSession, without ever waiting', async () => {
    const Page = defineComponent({ render: () => h('p', 'streams page') });
    const SignIn = defineComponent({ render: () => h('p', 'sign-in page') });
    async function render(initialSession: SessionPayload | undefined, withOnDenied: boolean) {
      const router = createRouter({
        history: createMemoryHistory(),
        routes: [
          { path: '/signin', component: SignIn },
          { path: '/streams', component: Page, meta: { livepushScopes: ['streams.read'] } },
        ],
      });
      router.beforeEach(createLivepushGuard(withOnDenied ? { onDenied: () => '/signin' } : {}));
      const app = createSSRApp(RouterView)
        .use(
          createLivepush(initialSession ? { initialSession } : { fetch: vi.fn<typeof globalThis.fetch>() }),
        )
        .use(router);
      await router.push('/streams');
      await router.isReady();
      return renderToString(app);
    }
    const granted: SessionPayload = {
      authenticated: true,
      scopes: ['streams.read'],
      expiresAt: Date.now() + 60_000,
      user,
      userId: null,
      data: {},
    };
    expect(await render(granted, true)).toContain('streams page');
    expect(await render({ authenticated: false }, true)).toContain('sign-in page');
    // Without onDenied, or with the session unknown, the browser decides.
    expect(await render({ authenticated: false }, false)).toContain('streams page');
    expect(await render(undefined, true)).toContain('streams page');
  });
});
