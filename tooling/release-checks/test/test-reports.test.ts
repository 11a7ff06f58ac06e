// `npm test` ends by naming every test that did not pass, read from the vitest and Playwright JSON reports,
// so that the tail of a CI log (often all that is kept) says what failed and why.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readReports } from '../../../scripts/test-reports.mjs';

const root = mkdtempSync(join(tmpdir(), 'livepush-reports-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function workspace(name: string, reports: { vitest?: unknown; playwright?: unknown }): string {
  const dir = join(root, name);
  mkdirSync(join(dir, '.reports'), { recursive: true });
  if (reports.vitest) writeFileSync(join(dir, '.reports', 'vitest.json'), JSON.stringify(reports.vitest));
  if (reports.playwright)
    writeFileSync(join(dir, '.reports', 'playwright.json'), JSON.stringify(reports.playwright));
  return dir;
}

const core = workspace('packages/core', {
  vitest: {
    numPassedTests: 2,
    numFailedTests: 1,
    numPendingTests: 1,
    numTodoTests: 0,
    testResults: [
      {
        name: join(root, 'packages/core/test/refresh.test.ts'),
        status: 'failed',
        assertionResults: [
          { fullName: 'refresh keeps the session', status: 'passed' },
          {
            fullName: 'refresh rotates the token',
            status: 'failed',
            failureMessages: ['\nAssertionError: expected 1 to be 2\n    at refresh.test.ts:12'],
          },
          { fullName: 'refresh later', status: 'skipped' },
        ],
      },
      {
        name: join(root, 'packages/core/test/broken.test.ts'),
        status: 'failed',
        message: 'Error: Cannot find module ./gone\n  at import',
        assertionResults: [],
      },
      { name: join(root, 'packages/core/test/fine.test.ts'), status: 'passed', assertionResults: [] },
    ],
  },
});

const demo = workspace('apps/react-demo', {
  playwright: {
    stats: { expected: 3, unexpected: 1, flaky: 1, skipped: 0 },
    suites: [
      {
        title: 'demo.spec.ts',
        file: 'demo.spec.ts',
        specs: [{ title: 'top level', tests: [{ status: 'expected', results: [] }] }],
        suites: [
          {
            title: 'shared scenarios',
            file: '../../demo-shared/e2e/scenarios.ts',
            specs: [
              { title: 'signs in', tests: [{ status: 'flaky', results: [] }] },
              {
                title: 'signs out',
                tests: [
                  {
                    status: 'unexpected',
                    results: [
                      { error: { message: 'Error: expect(locator).toBeVisible() failed\n\nLocator: x' } },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
});

const quiet = workspace('packages/vue', {
  vitest: { numPassedTests: 5, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, testResults: [] },
});

describe('readReports', () => {
  const result = readReports(root, [core, demo, quiet, join(root, 'packages/no-reports')]);

  it('counts passed (flaky included) and failed (skipped included) tests', () => {
    expect(result.passed).toBe(2 + 3 + 1 + 5);
    expect(result.failed).toBe(2 + 1);
    expect(result.failedTests.get(core)).toBe(2);
    expect(result.failedTests.get(demo)).toBe(1);
    expect(result.failedTests.get(quiet)).toBe(0);
  });

  it('names each test that did not pass, with the first line of its error', () => {
    expect(result.failedNames).toEqual([
      'packages/core/test/refresh.test.ts › refresh rotates the token (failed): AssertionError: expected 1 to be 2',
      'packages/core/test/refresh.test.ts › refresh later (skipped): ',
      'packages/core/test/broken.test.ts (the file failed): Error: Cannot find module ./gone',
      'apps/react-demo › shared scenarios › signs out (unexpected): Error: expect(locator).toBeVisible() failed',
    ]);
  });
});
