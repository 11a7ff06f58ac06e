import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

/**
 * The export condition that points every workspace package at its `src/` during tests and dev,
 * so nothing waits for a build. Published packages drop it through `publishConfig.exports`.
 */
export const SOURCE_CONDITION = '@livepush/source';

/**
 * Shared Vitest project settings; each package passes only what differs. Run in a package (turbo's
 * `test` task), it also writes `.reports/vitest.json`, which `npm test` adds up (and turbo caches).
 */
export function livepushProject(name: string, test: { environment?: 'node' | 'happy-dom' } = {}) {
  return defineProject({
    resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
    // Where Vitest loads globalSetup files: from source too.
    environments: { __vitest__: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } } },
    test: {
      name,
      environment: test.environment ?? 'node',
      include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
      // Type tests only: every other file is compiled once, by the package's `typecheck` script.
      typecheck: {
        enabled: true,
        include: ['test/**/*.test-d.ts', 'test/**/*.test-d.tsx'],
        tsconfig: './tsconfig.types.json',
      },
      reporters: ['default', 'json'],
      outputFile: { json: '.reports/vitest.json' },
      // `npm test` runs two packages at a time through turbo, each on one worker.
      ...(process.env.LIVEPUSH_TEST_WORKERS ? { maxWorkers: Number(process.env.LIVEPUSH_TEST_WORKERS) } : {}),
      restoreMocks: true,
      testTimeout: 20_000,
    },
  });
}
