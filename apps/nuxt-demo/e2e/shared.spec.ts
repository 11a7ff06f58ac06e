import { fileURLToPath } from 'node:url';
import { demoScenarios } from '@livepush/demo-shared/e2e';
import { test } from '@playwright/test';
import { mock } from './mock';

// The scenarios every demo passes; Nuxt's browser files are in .output/public.
demoScenarios(test, { mock, builtAssetsDir: fileURLToPath(new URL('../.output/public', import.meta.url)) });
