import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, type RouteRecordRaw, RouterView } from 'vue-router';
import { createLivepush } from '../src/index';
import { createLivepushGuard, type LivepushGuardOptions } from '../src/router';
import { type Backend, startBackend, until } from './harness';

const Page = (name: string) => defineComponent({ name, render: () => h('p', name) });
const routes: RouteRecordRaw[] = [
  { path: '/', component: Page('home') },
  { path: '/signin', component: Page('signin') },
  { path: '/account', component: Page('account'), meta: { livepushAuth: true } },
  { path: '/streams', component: Page('streams'), meta: { livepushScopes: ['streams.read'] } },
  {
    path: '/studio',
    meta: { livepushScopes: ['streams.read'] },
    children: [{ path: 'new', component: Page('new'), meta: { livepushScopes: ['streams.create'] } }],
  },
];

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
});
afterEach(() => backend.close());

async function signIn(scopes: Parameters<Backend['createClient']> = []) {
  const first = backend.createClient(...scopes);
  first.signIn({ scopes: ['profile.read', 'streams.read'] });
  await backend.settled();
  first.destroy();
  backend.navigations.length = 0;
}

/** An app with the plugin and a router guarded by createLivepushGuard (client found by injection). */
function setup(options: LivepushGuardOptions = {}) {
  const client = backend.createClient();
  const router = createRouter({ history: createMemoryHistory(), routes });
  router.beforeEach(createLivepushGuard(options));
  const wrapper = mount(RouterView, { global: { plugins: [createLivepush({ client }), router] } });
  return { client, router, wrapper };
}

describe('createLivepushGuard', () => {
  it('lets anyone through public routes without waiting for the session', async () => {
    const { client, router } = setup();
    await router.push('/');
    expect(client.getSnapshot().status).toBe('loading');
    expect(router.currentRoute.value.path).toBe('/');
  });

  it('waits for the session, then sends a signed-out user to sign in and back', async () => {
    const { client, router, wrapper } = setup();
    await router.push('/');
    expect(client.getSnapshot().status).toBe('loading');
    const failure = await router.push('/streams');
    expect(failure).toBeTruthy(); // cancelled: a full-page sign-in navigation is under way
    expect(client.getSnapshot().status).toBe('unauthenticated');
    expect(router.currentRoute.value.path).toBe('/');
    expect(backend.navigations).toEqual(['/auth/login?scope=streams.read&returnTo=%2Fstreams']);
    expect(await backend.settled()).toMatch(/\/streams$/);
    await router.push('/account');
    expect(backend.navigations[1]).toBe('/auth/login?returnTo=%2Faccount');
    wrapper.unmount();
  });

  it('lets a signed-in user with the scopes in', async () => {
    await signIn();
    const { router, wrapper } = setup();
    await router.push('/streams');
    expect(router.currentRoute.value.path).toBe('/streams');
    await flushPromises();
    expect(wrapper.text()).toBe('streams');
    await router.push('/account');
    expect(router.currentRoute.value.path).toBe('/account');
    expect(backend.navigations).toEqual([]);
  });

  it('asks for the scopes a route and its parents need that the session lacks (incremental consent)', async () => {
    await signIn();
    const { client, router } = setup();
    await until(client, (s) => s.status === 'authenticated');
    await router.push('/studio/new');
    expect(router.currentRoute.value.path).toBe('/');
    expect(backend.navigations).toEqual([
      '/auth/login?scope=streams.read+streams.create&returnTo=%2Fstudio%2Fnew',
    ]);
    await backend.settled();
    await client.refresh();
    expect(client.hasScopes(['streams.create'])).toBe(true);
    await router.push('/studio/new');
    expect(router.currentRoute.value.path).toBe('/studio/new');
  });

  it('does not loop back to consent when the page returns from a denied sign-in', async () => {
    backend.mock.setConsent('deny');
    const first = setup();
    await first.router.push('/streams');
    expect(await backend.settled()).toMatch(/\/streams\?error=access_denied$/);
    first.wrapper.unmount();
    // The page reloads on /streams?error=access_denied: the guard sends it home, with the error shown.
    const { client, router } = setup();
    await router.push('/streams');
    expect(router.currentRoute.value.path).toBe('/');
    expect(client.getSnapshot().error?.code).toBe('access_denied');
    expect(backend.navigations).toHaveLength(1);
    // A later, deliberate visit asks again.
    await router.push('/streams');
    expect(backend.navigations).toHaveLength(2);
  });

  it('redirects where onDenied says, with the denial', async () => {
    const onDenied = vi.fn(() => ({ path: '/signin' }));
    const { router } = setup({ onDenied });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await router.push('/streams?tab=live');
    expect(router.currentRoute.value.path).toBe('/signin');
    expect(onDenied).toHaveBeenCalledWith(
      { reason: 'unauthenticated', scopes: ['streams.read'] },
      expect.objectContaining({ fullPath: '/streams?tab=live' }),
      expect.anything(),
    );
    expect(backend.navigations).toEqual([]);
  });

  it('takes an explicit client, and names createLivepush when it has none', async () => {
    const client = backend.createClient({ initialSession: { authenticated: false } });
    const withClient = createRouter({ history: createMemoryHistory(), routes });
    withClient.beforeEach(createLivepushGuard({ client, onDenied: () => '/signin' }));
    createApp(RouterView).use(withClient).mount(document.createElement('div'));
    await withClient.push('/account');
    expect(withClient.currentRoute.value.path).toBe('/signin');

    const bare = createRouter({ history: createMemoryHistory(), routes });
    bare.beforeEach(createLivepushGuard());
    createApp(RouterView).use(bare).mount(document.createElement('div'));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(bare.push('/account')).rejects.toThrow(/createLivepush\(\)/);
  });
});
