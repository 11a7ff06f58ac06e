import { fileURLToPath } from 'node:url';
import { demoE2EConfig } from '../../playwright.shared';
import { mock } from './e2e/mock';

const config = demoE2EConfig({
  port: 5274,
  command: 'node dist/server/index.mjs',
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  env: mock.demoEnv,
});

// The mock (its counters at /__mock/stats) starts first; the demo server points at it.
export default { ...config, webServer: [mock.webServer, config.webServer!].flat() };
