import { fileURLToPath } from 'node:url';
import { demoE2EConfig } from '../../playwright.shared';
import { mock } from './e2e/mock';

// Its own ports (demo 5275, mock 4175): never collides with `pnpm start` (5175) or the other demos.
const port = 5275;
const config = demoE2EConfig({
  port,
  command: 'node build/index.js',
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  // adapter-node assumes https without ORIGIN (SvelteKit's CSRF check would then refuse the form posts).
  env: { ...mock.demoEnv, ORIGIN: `http://127.0.0.1:${port}` },
});

// The mock (its counters at /__mock/stats) starts first; the demo server points at it.
export default { ...config, webServer: [mock.webServer, config.webServer!].flat() };
