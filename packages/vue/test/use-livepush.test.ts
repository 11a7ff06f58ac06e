import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, createSSRApp, defineComponent, effectScope, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import ProfileCard from '../examples/ProfileCard.vue';
import { createLivepush, type LivepushPlugin, type UseLivepushReturn, useLivepush } from '../src/index';
import { type Backend, countListeners, startBackend, until } from './harness';

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
});
afterEach(() => backend.close());

/** Mounts the README's example component over the plugin. */
function mountProfile(plugin: LivepushPlugin) {
  return mount(ProfileCard, { global: { plugins: [plugin] } });
}

/** Calls useLivepush() in a mounted component and returns what it returned. */
function useInComponent(plugin: LivepushPlugin): UseLivepushReturn {
  let result: UseLivepushReturn | undefined;
  const Probe = defineComponent({
    setup() {
      result = useLivepush();
      return () => null;
    },
  });
  mount(Probe, { global: { plugins: [plugin] } });
  return result!;
}

/** Signs in through the real flow (approve on the mock), then "reloads the page" with a fresh store. */
async function signedIn(scopes?: Parameters<Backend['createClient']>[0]) {
  const first = backend.createClient();
  first.signIn({ scopes: ['profile.read', 'streams.read'] });
  await backend.settled();
  first.destroy();
  return backend.createClient(scopes);
}

describe('useLivepush over the real store, handler and mock Livepush', () => {
  it('goes from loading to signed out, then signs in, reads the API and signs out', async () => {
    const client = countListeners(backend.createClient());
    const plugin = createLivepush({ client });
    const wrapper = mountProfile(plugin);
    expect(wrapper.text()).toContain('Loading…');
    await until(client, (s) => s.status !== 'loading');
    await flushPromises();
    const button = wrapper.get('button');
    expect(button.text()).toBe('Sign in with Livepush');

    await button.trigger('click');
    expect(backend.navigations).toEqual(['/auth/login?scope=profile.read+streams.read&returnTo=%2F']);
    await backend.settled();
    await client.refresh();
    await flushPromises();
    expect(wrapper.text()).toContain('Signed in as Ada Lovelace');
    expect(wrapper.text()).toContain('Scopes: profile.read streams.read');
    expect(backend.mock.stats().codeGrants).toBe(1);

    await wrapper.get('button').trigger('click');
    await until(client, (s) => s.status === 'unauthenticated');
    await flushPromises();
    expect(wrapper.get('button').text()).toBe('Sign in with Livepush');
    expect(backend.cookies.size).toBe(0);
    wrapper.unmount();
    expect(client.listeners).toBe(0);
  });

  it('exposes every field as a readonly ref and the actions', async () => {
    const client = await signedIn();
    const result = useInComponent(createLivepush({ client }));
    expect(result.isLoading.value).toBe(true);
    await until(client, (s) => s.status !== 'loading');
    expect(result.status.value).toBe('authenticated');
    expect(result.isLoading.value).toBe(false);
    expect(result.isAuthenticated.value).toBe(true);
    expect(result.user.value?.name).toBe('Ada Lovelace');
    expect(result.scopes.value).toEqual(['profile.read', 'streams.read']);
    expect(result.expiresAt.value).toBeGreaterThan(Date.now());
    expect(result.error.value).toBeNull();
    expect(result.hasScopes(['streams.read'])).toBe(true);
    expect(result.hasScopes(['streams.create'])).toBe(false);

    const response = await result.fetch('/streams/mine');
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
    expect(backend.requests).toContain('GET /auth/api/streams/streams/mine');

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // @ts-expect-error readonly
    result.status.value = 'unauthenticated';
    expect(result.status.value).toBe('authenticated');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('readonly'));
    expect((await result.refresh()).status).toBe('authenticated');
  });

  it('asks for missing scopes with incremental consent and the refs follow', async () => {
    const client = await signedIn();
    const result = useInComponent(createLivepush({ client }));
    await until(client, (s) => s.status === 'authenticated');
    const denied = await result.fetch('/streams', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Launch', category: 'simulcast' }),
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: 'missing_scopes', missing: ['streams.create'] });

    result.signIn({ scopes: ['streams.create'] });
    await backend.settled();
    await result.refresh();
    expect(result.hasScopes(['profile.read', 'streams.read', 'streams.create'])).toBe(true);
    const created = await result.fetch('/streams', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Launch', category: 'simulcast' }),
    });
    expect(created.status).toBe(201);
  });

  it('shows the error of a denied consent', async () => {
    backend.mock.setConsent('deny');
    const client = backend.createClient();
    client.signIn({ scopes: ['profile.read'] });
    expect(await backend.settled()).toMatch(/[?&]error=access_denied/);
    client.destroy();
    const wrapper = mountProfile(
      createLivepush({ fetch: backend.fetch, syncTabs: false, refetchOnFocus: false }),
    );
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true));
    expect(wrapper.get('button').text()).toBe('Sign in with Livepush');
    expect(location.search).not.toContain('error=');
    wrapper.unmount();
  });

  it('hydrates from initialSession without a loading state or a request', async () => {
    const session = await (await backend.fetch('/auth/session')).json();
    backend.requests.length = 0;
    const plugin = createLivepush({
      fetch: backend.fetch,
      syncTabs: false,
      refetchOnFocus: false,
      initialSession: {
        authenticated: true,
        scopes: ['profile.read'],
        expiresAt: Date.now() + 60_000,
        user: null,
        userId: null,
        data: {},
      },
    });
    expect(session).toEqual({ authenticated: false });
    const wrapper = mountProfile(plugin);
    expect(wrapper.text()).toContain('Signed in as');
    expect(wrapper.text()).not.toContain('Loading');
    await flushPromises();
    expect(backend.requests).not.toContain('GET /auth/session');
    wrapper.unmount();
  });
});

describe('hydration', () => {
  it('hydrates server HTML rendered from the same initialSession without a mismatch', async () => {
    const initialSession = {
      authenticated: true as const,
      scopes: ['profile.read' as const],
      expiresAt: Date.now() + 60_000,
      user: null,
      userId: null,
      data: {},
    };
    const html = await renderToString(createSSRApp(ProfileCard).use(createLivepush({ initialSession })));
    const container = document.createElement('div');
    container.innerHTML = html;
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const app = createSSRApp(ProfileCard).use(
      createLivepush({ initialSession, fetch: backend.fetch, syncTabs: false, refetchOnFocus: false }),
    );
    app.mount(container);
    expect(container.textContent).toContain('Scopes: profile.read');
    expect([...warn.mock.calls, ...error.mock.calls].flat().join(' ')).not.toMatch(/hydration/i);
    app.unmount();
  });
});

describe('cleanup', () => {
  it('releases each subscription with its component or effect scope', async () => {
    const client = countListeners(backend.createClient());
    const plugin = createLivepush({ client });
    const a = mountProfile(plugin);
    const b = mountProfile(plugin);
    expect(client.listeners).toBe(2);
    a.unmount();
    expect(client.listeners).toBe(1);
    b.unmount();
    expect(client.listeners).toBe(0);

    const app = createApp({ render: () => null }).use(plugin);
    const scope = effectScope();
    scope.run(() => app.runWithContext(() => useLivepush()));
    expect(client.listeners).toBe(1);
    scope.stop();
    expect(client.listeners).toBe(0);
  });

  it('destroys the store it created when the app unmounts, and never one it was given', async () => {
    const added = vi.spyOn(window, 'addEventListener');
    const plugin = createLivepush({ fetch: backend.fetch });
    const destroy = vi.spyOn(plugin.client, 'destroy');
    const app = createApp({ render: () => h(ProfileCard) }).use(plugin);
    app.mount(document.createElement('div'));
    const focus = (spy: typeof added) => spy.mock.calls.filter(([type]) => type === 'focus').length;
    expect(focus(added)).toBe(1);
    await until(plugin.client, (s) => s.status !== 'loading');
    app.unmount();
    expect(destroy).toHaveBeenCalledOnce();
    // The store adds its window listeners with an AbortSignal; destroy aborts it (removing them).
    const focusOptions = added.mock.calls.find(([type]) => type === 'focus')?.[2] as AddEventListenerOptions;
    expect(focusOptions.signal?.aborted).toBe(true);

    const given = backend.createClient();
    const kept = vi.spyOn(given, 'destroy');
    const other = createApp({ render: () => h(ProfileCard) }).use(createLivepush({ client: given }));
    other.mount(document.createElement('div'));
    other.unmount();
    expect(kept).not.toHaveBeenCalled();
    given.destroy();
  });
});

describe('without the plugin', () => {
  it('throws an error that names createLivepush', () => {
    const Bare = defineComponent({
      setup() {
        useLivepush();
        return () => null;
      },
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => mount(Bare)).toThrow(/createLivepush\(\)/);
    expect(() => useLivepush()).toThrow(/createLivepush\(\)/);
  });
});
