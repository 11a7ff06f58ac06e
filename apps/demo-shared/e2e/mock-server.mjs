// The mock Livepush the demos' end-to-end tests run against, plus a tiny control server so tests in the
// Playwright process can read its counters: GET {control}/stats → MockStats JSON.
// Started by a Playwright `webServer` entry (see e2eMock() in scenarios.ts). Plain JS: `node` runs it.
import { createServer } from 'node:http';
import { startMockLivepush } from '@livepush/mock-server';

const env = process.env;
const mock = await startMockLivepush({
  port: Number(env.MOCK_PORT ?? 4173),
  consent: env.MOCK_CONSENT === 'approve' || env.MOCK_CONSENT === 'deny' ? env.MOCK_CONSENT : 'prompt',
  accessTokenTtlSeconds: Number(env.MOCK_TTL ?? 3600),
});
const control = createServer((request, response) => {
  if (request.url === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(mock.stats()));
  } else {
    response.writeHead(404).end();
  }
});
const controlPort = Number(env.MOCK_CONTROL_PORT ?? 4174);
control.listen(controlPort, '127.0.0.1', () => {
  console.log(`e2e mock Livepush at ${mock.url}, stats at http://127.0.0.1:${controlPort}/stats`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    control.close();
    void mock.close().finally(() => process.exit(0));
  });
}
