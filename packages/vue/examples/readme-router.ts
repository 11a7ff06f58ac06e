// packages/vue/README.md, "Route guard": compiled by `pnpm typecheck` (tooling/test-support/test/readme.test.ts finds it).
import { createLivepushGuard } from '@livepush/auth-vue/router';
import { createRouter, createWebHistory } from 'vue-router';

export const router = createRouter({ history: createWebHistory(), routes: [] }); // your routes
router.beforeEach(createLivepushGuard());
// routes: meta.livepushAuth → signed in; meta.livepushScopes → signed in with these scopes
// { path: '/account', component: Account, meta: { livepushAuth: true } }
// { path: '/studio', component: Studio, meta: { livepushScopes: ['streams.read', 'streams.create'] } }
