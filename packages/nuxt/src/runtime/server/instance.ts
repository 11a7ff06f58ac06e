import { LivepushAuthError } from '@livepush/auth-core';
import type { LivepushAuth } from '@livepush/auth-core/server';
import { useRuntimeConfig } from 'nitropack/runtime';
import { provideLivepushAuth } from './context';
import {
  createNuxtLivepushAuth,
  type LivepushPrivateConfig,
  type LivepushPublicConfig,
  type LivepushServerOptions,
} from './options';

let auth: LivepushAuth | undefined;
let server: LivepushServerOptions = {};

/**
 * The one core instance of this server (it holds the refresh single-flight and the derived keys), built
 * from the runtime config — the environment's `NUXT_LIVEPUSH_*` values applied — and the options given to
 * {@link configureLivepushServer}, on first use.
 * @throws {LivepushAuthError} `invalid_config` listing every problem.
 */
export function livepushAuth(): LivepushAuth {
  if (!auth) {
    const config = useRuntimeConfig() as unknown as {
      livepush: LivepushPrivateConfig;
      public: { livepush: LivepushPublicConfig };
    };
    auth = createNuxtLivepushAuth(config.livepush, config.public.livepush, 'start', server);
  }
  return auth;
}

provideLivepushAuth(livepushAuth);

/**
 * Gives the module the options that cannot travel through `nuxt.config` or the environment (objects and
 * functions): a session `store`, `onSignIn`, `onSession`, `onError`, `logger`, `fetchUser`… Call it
 * once in a Nitro plugin (`server/plugins/`): they apply from the first request, and the options are
 * checked again with them at once. Auto-imported in `server/`.
 *
 * @example
 * ```ts
 * // server/plugins/livepush.ts
 * export default defineNitroPlugin(() => {
 *   configureLivepushServer({
 *     store: createRedisStore({ url: process.env.REDIS_URL! }),
 *     onSignIn: ({ user }) => (user?.isDisabled ? false : { data: { role: 'member' } }),
 *   });
 * });
 * ```
 * @throws {LivepushAuthError} `invalid_config` for options that are not an object, or that the core refuses.
 */
export function configureLivepushServer(options: LivepushServerOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new LivepushAuthError(
      'invalid_config',
      'configureLivepushServer(options) takes an object of createLivepushAuth options (store, onSignIn, onSession, …).',
    );
  }
  server = { ...options };
  auth = undefined;
  livepushAuth();
}
