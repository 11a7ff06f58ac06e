// The demo's whole Livepush setup: the module and the scopes sign-in asks for. Secrets and endpoints come
// from the environment at runtime (NUXT_LIVEPUSH_*; `pnpm start` maps the demos' shared variables onto them).
export default defineNuxtConfig({
  modules: ['@livepush/auth-nuxt'],
  // streams.create is asked for later (incremental consent): sign-ins may ask for nothing else.
  livepush: {
    scopes: ['profile.read', 'streams.read'],
    allowedScopes: ['profile.read', 'streams.read', 'streams.create'],
  },
  // The demo's session mode (store | cookie), set at runtime by start.ts from DEMO_SESSIONS.
  runtimeConfig: { public: { demoSessions: 'store' } },
  css: ['@livepush/demo-shared/styles.css'],
  app: { head: { title: 'Livepush Auth · Nuxt demo', htmlAttrs: { lang: 'en' } } },
  // Nothing that phones home: no devtools, no telemetry.
  devtools: { enabled: false },
  telemetry: false,
  compatibilityDate: '2026-01-01',
  devServer: { host: '127.0.0.1', port: 5187 },
});
