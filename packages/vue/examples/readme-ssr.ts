// packages/vue/README.md, "Server-side rendering": compiled by `pnpm typecheck` (tooling/test-support/test/readme.test.ts).
import { createLivepush } from '@livepush/auth-vue';
import { createSSRApp } from 'vue';

declare const App: import('vue').Component;
declare const session: import('@livepush/auth-core/client').SessionSummary;

// server: const session = await (await auth.handler(new Request(new URL('/auth/session', url), { headers }))).json()
const app = createSSRApp(App).use(createLivepush({ initialSession: session }));
app.mount('#app');
