import { e2eMock } from '@livepush/demo-shared/e2e';

/** The mock Livepush of this demo's e2e run (ports of its own, so the demos can be tested side by side). */
export const mock = e2eMock({ port: 4176 });
