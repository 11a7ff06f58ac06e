import { fileURLToPath } from 'node:url';
import { demoScenarios } from '@livepush/demo-shared/e2e';
import { test } from '@playwright/test';
import { mock } from './mock';

// The scenarios every demo passes, against `next build` + `next start`; the browser's JavaScript is .next/static.
demoScenarios(test, {
  mock,
  builtAssetsDir: fileURLToPath(new URL('../.next/static', import.meta.url)),
  // Next.js' route announcer is an alert of its own (always there, empty): count the page's.
  alerts: (page) => page.locator('main').getByRole('alert'),
});
