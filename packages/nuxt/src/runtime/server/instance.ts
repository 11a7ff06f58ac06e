import type { LivepushAuth } from '@livepush/auth-core/server';
import { useRuntimeConfig } from 'nitropack/runtime';
import { createNuxtLivepushAuth, type LivepushPrivateConfig, type LivepushPublicConfig } from './options';

let auth: LivepushAuth | undefined;

/**
 * The one core instance of this server (it holds the refresh single-flight and the derived keys), built
 * from the runtime config — the environment's `NUXT_LIVEPUSH_*` values applied — on first use.
 * @throws {LivepushAuthError} `invalid_config` listing every problem.
 */
export function livepushAuth(): LivepushAuth {
  if (!auth) {
    const config = useRuntimeConfig() as unknown as {
      livepush: LivepushPrivateConfig;
      public: { livepush: LivepushPublicConfig };
    };
    auth = createNuxtLivepushAuth(config.livepush, config.public.livepush, 'start');
  }
  return auth;
}
