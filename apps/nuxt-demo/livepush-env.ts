import type { LivepushAuthOptions } from '@livepush/auth-core/server';

/** `accountsApi` → `ACCOUNTS_API`: how Nuxt names a runtime-config key in the environment. */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/**
 * The demos' Livepush options (from @livepush/demo-shared) as the `NUXT_LIVEPUSH_*` variables the
 * module reads at runtime: the Nuxt way to hand a server its secrets.
 */
export function nuxtLivepushEnv(options: LivepushAuthOptions): Record<string, string> {
  const env: Record<string, string> = {
    NUXT_LIVEPUSH_CLIENT_ID: options.clientId,
    NUXT_LIVEPUSH_CLIENT_SECRET: options.clientSecret,
    NUXT_LIVEPUSH_SECRET:
      typeof options.secret === 'string' ? options.secret : JSON.stringify(options.secret),
    NUXT_LIVEPUSH_REDIRECT_URI: options.redirectUri,
  };
  for (const [key, url] of Object.entries(options.endpoints ?? {}))
    if (url) env[`NUXT_LIVEPUSH_ENDPOINTS_${snake(key)}`] = url;
  return env;
}
