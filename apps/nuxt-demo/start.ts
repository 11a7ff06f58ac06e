// `pnpm start` (and `npm run demo`): Nuxt's built Node server, .output/server/index.mjs, on
// http://127.0.0.1:5177 unless PORT/HOST say otherwise, configured like the other demos from the
// environment (real Livepush, a running mock, or an embedded one: see demoLivepushFromEnv) and handed to
// the module as NUXT_LIVEPUSH_* variables. Bundled to dist/start.mjs by `pnpm build`.
import { demoLivepushFromEnv } from '@livepush/demo-shared';
import { demoSessionMode } from '@livepush/demo-shared/session';
import { nuxtLivepushEnv } from './livepush-env';

process.env.PORT ??= '5177';
process.env.HOST ??= '127.0.0.1';
const demo = await demoLivepushFromEnv(Number(process.env.PORT));
Object.assign(process.env, nuxtLivepushEnv(demo.options), {
  // The pages offer "Sign out everywhere" only with the session store (DEMO_SESSIONS=cookie: none).
  NUXT_PUBLIC_DEMO_SESSIONS: demoSessionMode(),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void demo.close());

await import(new URL('../.output/server/index.mjs', import.meta.url).href);
console.log(`Nuxt demo on http://${process.env.HOST}:${process.env.PORT} · Livepush: ${demo.describe}`);
