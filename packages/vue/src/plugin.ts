import { type AuthClient, type AuthClientOptions, createAuthClient } from '@livepush/auth-core/client';
import { type App, hasInjectionContext, type InjectionKey, inject } from 'vue';

/** Where the plugin provides the store; `inject(LIVEPUSH_CLIENT_KEY)` gives the raw {@link AuthClient}. */
export const LIVEPUSH_CLIENT_KEY: InjectionKey<AuthClient> = Symbol('livepush');

/** Options of {@link createLivepush}: the store's options, or a store you created yourself. */
export interface CreateLivepushOptions extends AuthClientOptions {
  /**
   * Use this store instead of creating one (e.g. to share it with code outside Vue). A store you pass
   * stays yours: the plugin does not destroy it when the app unmounts.
   */
  client?: AuthClient;
}

/** The plugin {@link createLivepush} returns; `client` is the store it provides. */
export interface LivepushPlugin {
  /** Called by `app.use()`. */
  install(app: App): void;
  readonly client: AuthClient;
}

/**
 * The Vue plugin: creates one browser session store (or takes `options.client`), provides it to
 * every component and destroys it (listeners, timers, BroadcastChannel) when the app unmounts.
 *
 * @example
 * createApp(App).use(createLivepush()).mount('#app');
 * // server-rendered page: hydrate without a loading state
 * createSSRApp(App).use(createLivepush({ initialSession }));
 */
export function createLivepush(options: CreateLivepushOptions = {}): LivepushPlugin {
  const { client: given, ...clientOptions } = options;
  const client = given ?? createAuthClient(clientOptions);
  return {
    client,
    install(app: App) {
      app.provide(LIVEPUSH_CLIENT_KEY, client);
      if (given) return;
      // `app.onUnmount` is Vue 3.5+; wrap `unmount` on older versions.
      if (typeof app.onUnmount === 'function') {
        app.onUnmount(() => client.destroy());
      } else {
        const unmount = app.unmount;
        app.unmount = () => {
          unmount.call(app);
          client.destroy();
        };
      }
    },
  };
}

/**
 * The store the plugin provides. Call it where `inject()` works: `setup()`, a composable, a
 * vue-router guard or `app.runWithContext()`.
 * @throws {Error} naming `createLivepush` when the plugin is not installed.
 */
export function useLivepushClient(): AuthClient {
  const client = hasInjectionContext() && inject(LIVEPUSH_CLIENT_KEY, null);
  if (!client) {
    throw new Error(
      'Livepush: no client. Call useLivepush() in setup() of an app with app.use(createLivepush()).',
    );
  }
  return client;
}
