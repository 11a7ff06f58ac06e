/**
 * `@livepush/auth-nuxt`: Livepush sign-in for Nuxt. One line in `nuxt.config` mounts the core handler at
 * `{basePath}/**` in Nitro, renders the session on the server into `useLivepush()` (the composable of
 * `@livepush/auth-vue`), guards pages that set `definePageMeta({ livepush })` and auto-imports the
 * server utilities (`getLivepushSession`, `requireLivepushSession`, `useLivepushApi`, `updateLivepushSession`,
 * `refreshLivepushProfile`, `signOutLivepushUser`, `listLivepushSessions`, `configureLivepushServer`).
 *
 * @packageDocumentation
 */
import { LivepushAuthError } from '@livepush/auth-core';
import type { AuthClient } from '@livepush/auth-core/client';
import {
  addImports,
  addPlugin,
  addRouteMiddleware,
  addServerHandler,
  addServerImports,
  addServerPlugin,
  createResolver,
  defineNuxtModule,
} from '@nuxt/kit';
import type { LivepushPageMeta } from './runtime/app/access';
import {
  createNuxtLivepushAuth,
  type LivepushModuleOptions,
  type LivepushPrivateConfig,
  type LivepushPublicConfig,
  runtimeConfigFor,
  secretsInModuleOptions,
} from './runtime/server/options';

export type { LivepushPageMeta } from './runtime/app/access';
export type {
  LivepushModuleOptions,
  LivepushPrivateConfig,
  LivepushPublicConfig,
  LivepushServerOptions,
} from './runtime/server/options';

declare module 'nuxt/app' {
  interface PageMeta {
    /**
     * Only signed-in visitors (`true`), or only those who granted every one of `scopes`, may see this
     * page; everyone else is sent to sign in with Livepush and brought back (server and client navigation).
     */
    livepush?: LivepushPageMeta;
  }
  interface NuxtApp {
    /** The browser session store `useLivepush()` reads (`@livepush/auth-core/client`). */
    $livepush: AuthClient;
  }
}

declare module '@nuxt/schema' {
  interface RuntimeConfig {
    /** Server only. Secrets come from `NUXT_LIVEPUSH_CLIENT_SECRET` and `NUXT_LIVEPUSH_SECRET`. */
    livepush: LivepushPrivateConfig;
  }
  interface PublicRuntimeConfig {
    livepush: LivepushPublicConfig;
  }
}

/** The server utilities auto-imported in `server/`. */
const SERVER_UTILS = [
  'getLivepushSession',
  'requireLivepushSession',
  'useLivepushApi',
  'updateLivepushSession',
  'refreshLivepushProfile',
  'signOutLivepushUser',
  'listLivepushSessions',
] as const;

/**
 * The Nuxt module. Options are validated when the app is built (and again, with the environment's
 * secrets, when the server starts): every problem at once, in the core's `invalid_config` list.
 *
 * @example
 * ```ts
 * // nuxt.config.ts
 * export default defineNuxtConfig({
 *   modules: ['@livepush/auth-nuxt'],
 *   livepush: { scopes: ['profile.read', 'streams.read'] }, // secrets from NUXT_LIVEPUSH_* env
 * });
 * ```
 */
export default defineNuxtModule<LivepushModuleOptions>({
  meta: {
    name: '@livepush/auth-nuxt',
    configKey: 'livepush',
    compatibility: { nuxt: '^3.0.0 || ^4.0.0' },
  },
  setup(options, nuxt) {
    const secrets = secretsInModuleOptions(options as Record<string, unknown>);
    if (secrets.length > 0) {
      throw new LivepushAuthError('invalid_config', `Invalid livepush options:\n- ${secrets.join('\n- ')}`);
    }
    const config = runtimeConfigFor(options);
    const runtime = nuxt.options.runtimeConfig;
    // What the app's own runtimeConfig already says wins (e.g. values read from the environment there).
    const own = runtime.livepush as Partial<LivepushPrivateConfig> | undefined;
    runtime.livepush = {
      ...config.private,
      ...own,
      endpoints: { ...config.private.endpoints, ...own?.endpoints },
    };
    runtime.public.livepush = { ...config.public, ...runtime.public.livepush };
    // The build fails now for what nuxt.config got wrong; the server checks the rest when it starts.
    createNuxtLivepushAuth(runtime.livepush, runtime.public.livepush, 'build');

    const { resolve } = createResolver(import.meta.url);
    const basePath = runtime.public.livepush.basePath.replace(/\/+$/, '');
    addServerPlugin(resolve('./runtime/server/plugin'));
    addServerHandler({ middleware: true, handler: resolve('./runtime/server/middleware') });
    addServerHandler({ route: `${basePath}/**`, handler: resolve('./runtime/server/route') });
    addServerImports([
      ...SERVER_UTILS.map((name) => ({ name, from: resolve('./runtime/server/utils') })),
      { name: 'configureLivepushServer', from: resolve('./runtime/server/instance') },
    ]);

    addPlugin(resolve('./runtime/app/plugin'));
    addImports({ name: 'useLivepush', from: resolve('./runtime/app/composables') });
    addRouteMiddleware({ name: 'livepush', path: resolve('./runtime/app/middleware'), global: true });
  },
});
