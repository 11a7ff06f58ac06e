// What `nuxt prepare` generates in an app for the examples to compile here: the module's config key and
// the auto-imports of the app and of `server/` (the examples spell the server ones out anyway).
import type { LivepushModuleOptions } from '@livepush/auth-nuxt';

declare module 'nuxt/schema' {
  interface NuxtConfig {
    livepush?: LivepushModuleOptions;
  }
}

declare global {
  const useLivepush: typeof import('@livepush/auth-vue')['useLivepush'];
  const definePageMeta: (meta: import('nuxt/app').PageMeta) => void;
  const useFetch: typeof import('nuxt/app')['useFetch'];
}
