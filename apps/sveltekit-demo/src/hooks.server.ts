// The demo reads its whole Livepush configuration from the environment (real Livepush, a running mock,
// or an embedded one: see demoLivepushFromEnv); the library itself never reads env.

import { createLivepushHandle } from '@livepush/auth-sveltekit';
import { demoLivepushFromEnv } from '@livepush/demo-shared';
import { building, dev } from '$app/environment';
import { env } from '$env/dynamic/private';

// `pnpm start` listens on 5175, `pnpm dev` (Vite) on 5185: the redirect URI must name the real one.
const port = Number(env.PORT ?? (dev ? 5185 : 5175));
// Nothing to start while SvelteKit builds (the handle does nothing then either).
const demo = building ? null : await demoLivepushFromEnv(port, env);

if (demo) {
  console.log(`SvelteKit demo on http://${env.HOST ?? '127.0.0.1'}:${port} · Livepush: ${demo.describe}`);
  // adapter-node's graceful shutdown: stop the embedded mock too.
  process.once('sveltekit:shutdown', () => void demo.close());
}

// Same options object on every request: one core instance (single-flight refresh, keys derived once).
export const handle = createLivepushHandle(() => demo!.options);
