import { fileURLToPath } from 'node:url';
import { demoE2EConfig } from '../../playwright.shared';
import { mock } from './e2e/mock';

// Its own ports (demo 5277, mock 4177): never collides with `pnpm start` (5177) or the other demos.
const config = demoE2EConfig({
  port: 5277,
  command: 'node dist/start.mjs',
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  env: { ...mock.demoEnv, NUXT_TELEMETRY_DISABLED: '1' },
});

// The mock (its counters at /__mock/stats) starts first; the demo server points at it.
export default { ...config, webServer: [mock.webServer, config.webServer!].flat() };
