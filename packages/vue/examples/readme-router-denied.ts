// packages/vue/README.md, "Route guard", onDenied: compiled by `pnpm typecheck` (tooling/test-support/test/readme.test.ts).
import { createLivepushGuard } from '@livepush/auth-vue/router';
import { createRouter, createWebHistory } from 'vue-router';

export const router = createRouter({ history: createWebHistory(), routes: [] }); // your routes
router.beforeEach(
  createLivepushGuard({
    // reason: 'unauthenticated' | 'missing_scopes' | 'sign_in_failed'
    // biome-ignore lint/correctness/noUnusedFunctionParameters: the README's signature, verbatim
    onDenied: (denial, to) => ({ name: 'sign-in', query: { returnTo: to.fullPath } }),
  }),
);
