// packages/mock-server/README.md, "Faults": compiled by this package's `pnpm typecheck` (see
// readme-mock-server-test.ts). tooling/test-support/test/readme.test.ts finds it.
import { startMockLivepush } from '@livepush/mock-server';

const mock = await startMockLivepush({ consent: 'approve' });
mock.setFaults(
  { on: 'token', kind: 'status', status: 503, retryAfterSeconds: 5 }, // next token request
  { on: 'api', kind: 'drop', times: 2 }, // next two API requests
);
