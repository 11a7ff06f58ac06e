// packages/vue/README.md, "Server-side rendering": compiled by `pnpm typecheck` (tooling/test-support/test/readme.test.ts).
import type { SessionPayload } from '@livepush/auth-core/client';
import { createLivepush } from '@livepush/auth-vue';
import { createSSRApp } from 'vue';
import App from './StreamList.vue'; // your root component

// On the server, `session` is the JSON of GET /auth/session your server read for this request
// (`await (await auth.handler(new Request(new URL('/auth/session', url), { headers }))).json()`).
export function createApp(session: SessionPayload | null) {
  return createSSRApp(App).use(createLivepush({ initialSession: session }));
}
