import { useRuntimeConfig } from 'nuxt/app';
import type { LivepushPublicConfig } from '../server/options';

/** `runtimeConfig.public.livepush`: where the auth routes are and the scopes sign-in asks for. */
export function livepushPublicConfig(): LivepushPublicConfig {
  return useRuntimeConfig().public.livepush as LivepushPublicConfig;
}
