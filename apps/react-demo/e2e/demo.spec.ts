import { fileURLToPath } from 'node:url';
import { demoScenarios } from '@livepush/demo-shared/e2e';
import { test } from '@playwright/test';
import { mock } from './mock';

demoScenarios(test, { mock, builtAssetsDir: fileURLToPath(new URL('../dist', import.meta.url)) });
