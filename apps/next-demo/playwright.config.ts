import { fileURLToPath } from 'node:url';
import { demoE2EConfig } from '../../playwright.shared';
import { COOKIE_SESSIONS_PORT, mock } from './e2e/mock';

// Its own ports (demo 5276, mock 4176; the same build with cookie sessions on 5286): never collides with
// `pnpm start` (5176) or the other demos.
// The production server (`next start`) of the build turbo made before this task.
const config = demoE2EConfig({
  port: 5276,
  command: 'node start.js',
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  env: { ...mock.demoEnv, NEXT_TELEMETRY_DISABLED: '1' },
  cookieSessions: { port: COOKIE_SESSIONS_PORT },
});

// The mock (its counters at /__mock/stats) starts first; the demo server points at it.
export default { ...config, webServer: [mock.webServer, config.webServer!].flat() };
