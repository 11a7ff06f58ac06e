// packages/vue/README.md, "Route guard": the RouteMeta fields the package declares, restated here so that
// the README's copy fails the typecheck if it drifts from src/router.ts (tooling/test-support/test/readme.test.ts).
import type { LivepushScope } from '@livepush/auth-core';

// what the package declares — no need to copy it
declare module 'vue-router' {
  interface RouteMeta {
    livepushAuth?: boolean;
    livepushScopes?: readonly LivepushScope[];
  }
}
