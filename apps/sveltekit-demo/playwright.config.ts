import { fileURLToPath } from 'node:url';
import { demoE2EConfig } from '../../playwright.shared';
import { COOKIE_SESSIONS_PORT, mock } from './e2e/mock';

// Its own ports (demo 5275, mock 4175; the same build with cookie sessions on 5285): never collides with
// `pnpm start` (5175) or the other demos.
const port = 5275;
// adapter-node assumes https without ORIGIN (SvelteKit's CSRF check would then refuse the form posts).
const origin = (at: number) => ({ ORIGIN: `http://127.0.0.1:${at}` });
const config = demoE2EConfig({
  port,
  command: 'node build/index.js',
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  env: { ...mock.demoEnv, ...origin(port) },
  cookieSessions: { port: COOKIE_SESSIONS_PORT, env: origin(COOKIE_SESSIONS_PORT) },
});

// The mock (its counters at /__mock/stats) starts first; the demo server points at it.
export default { ...config, webServer: [mock.webServer, config.webServer!].flat() };
