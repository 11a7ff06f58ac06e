// packages/vue/README.md, "Route guard": compiled by `pnpm typecheck` (tooling/test-support/test/readme.test.ts finds it).
import { createLivepushGuard } from '@livepush/auth-vue/router';

declare const router: import('vue-router').Router;

router.beforeEach(createLivepushGuard());
// routes: meta.livepushAuth → signed in; meta.livepushScopes → signed in with these scopes
// { path: '/account', component: Account, meta: { livepushAuth: true } }
// { path: '/studio', component: Studio, meta: { livepushScopes: ['streams.read', 'streams.create'] } }

router.beforeEach(
  createLivepushGuard({
    // reason: 'unauthenticated' | 'missing_scopes' | 'sign_in_failed'
    // biome-ignore lint/correctness/noUnusedFunctionParameters: the README's signature, verbatim
    onDenied: (denial, to) => ({ name: 'sign-in', query: { returnTo: to.fullPath } }),
  }),
);
