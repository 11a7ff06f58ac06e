import { fileURLToPath } from 'node:url';
import { demoE2EConfig } from '../../playwright.shared';
import { COOKIE_SESSIONS_PORT, mock } from './e2e/mock';

// Its own ports (demo 5277, mock 4177; the same build with cookie sessions on 5287): never collides with
// `pnpm start` (5177) or the other demos.
const config = demoE2EConfig({
  port: 5277,
  command: 'node dist/start.mjs',
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  env: { ...mock.demoEnv, NUXT_TELEMETRY_DISABLED: '1' },
  cookieSessions: { port: COOKIE_SESSIONS_PORT },
});

// The mock (its counters at /__mock/stats) starts first; the demo server points at it.
export default { ...config, webServer: [mock.webServer, config.webServer!].flat() };
