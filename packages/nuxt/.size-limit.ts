import { budgets } from '../../size-limit.shared.ts';

// Budgets in bytes, min+gzip (see size-limit.shared.ts): what the module adds to an app's browser bundle
// besides @livepush/auth-vue and the core store (see their budgets). Its server side (Nitro) and the module
// itself never reach the browser.
const EXTERNAL = ['nuxt', 'vue', '@livepush/auth-vue', '@livepush/auth-core'];

export default budgets([
  {
    name: 'the Nuxt plugin (server-rendered session, useState)',
    path: 'src/runtime/app/plugin.ts',
    ignore: EXTERNAL,
    budget: 440,
  },
  {
    name: 'the page middleware (definePageMeta)',
    path: 'src/runtime/app/middleware.ts',
    ignore: EXTERNAL,
    budget: 700,
  },
]);
