import { fileURLToPath } from 'node:url';
import { demoScenarios } from '@livepush/demo-shared/e2e';
import { test } from '@playwright/test';
import { mock } from './mock';

// The scenarios all three demos pass; the SvelteKit build's browser JavaScript is in build/client.
demoScenarios(test, { mock, builtAssetsDir: fileURLToPath(new URL('../build/client', import.meta.url)) });
