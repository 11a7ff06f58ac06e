import { defineConfig } from 'vitest/config';

// Every package's tests in one run (`pnpm vitest`); `npm test` runs them per package through turbo.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'tooling/*/vitest.config.ts'],
  },
});
