// What the vitest and Playwright JSON reports of `npm test` say: counts, and the name and first error line of
// every test that did not pass, so the end of a CI log names them.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Reads a JSON file, or `undefined` when it is not there. */
export const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .find((line) => line.trim())
    ?.trim() ?? '';

function vitestFailures(report, root, out) {
  for (const file of report.testResults ?? []) {
    const name = relative(root, file.name);
    const tests = file.assertionResults ?? [];
    for (const test of tests.filter((t) => t.status !== 'passed'))
      out.push(`${name} › ${test.fullName} (${test.status}): ${firstLine(test.failureMessages?.[0])}`);
    // A file that failed before any of its tests ran (an import or a hook threw).
    if (file.status === 'failed' && !tests.some((t) => t.status === 'failed'))
      out.push(`${name} (the file failed): ${firstLine(file.message)}`);
  }
}

function playwrightFailures(suite, where, out, path = []) {
  const here = suite.title && suite.title !== suite.file ? [...path, suite.title] : path;
  for (const spec of suite.specs ?? [])
    for (const test of spec.tests ?? [])
      if (test.status === 'unexpected' || test.status === 'skipped')
        out.push(
          `${where} › ${[...here, spec.title].join(' › ')} (${test.status}): ${firstLine(test.results?.at(-1)?.error?.message)}`,
        );
  for (const child of suite.suites ?? []) playwrightFailures(child, where, out, here);
}

/**
 * Counts the tests in each workspace's `.reports/vitest.json` and `.reports/playwright.json`. Skipped and
 * todo tests count as failed: a test that did not run proves nothing.
 */
export function readReports(root, workspaces) {
  let passed = 0;
  let failed = 0;
  const failedTests = new Map(); // workspace dir → failed tests in its reports
  const failedNames = [];
  for (const dir of workspaces) {
    const vitest = readJson(join(dir, '.reports', 'vitest.json'));
    const playwright = readJson(join(dir, '.reports', 'playwright.json'));
    const stats = playwright?.stats;
    const ok = (vitest?.numPassedTests ?? 0) + (stats?.expected ?? 0) + (stats?.flaky ?? 0);
    const bad =
      (vitest ? vitest.numFailedTests + vitest.numPendingTests + vitest.numTodoTests : 0) +
      (stats ? stats.unexpected + stats.skipped : 0);
    if (vitest && bad > 0) vitestFailures(vitest, root, failedNames);
    if (stats && bad > 0)
      for (const suite of playwright.suites ?? [])
        playwrightFailures(suite, relative(root, dir), failedNames);
    passed += ok;
    failed += bad;
    failedTests.set(dir, bad);
  }
  return { passed, failed, failedTests, failedNames };
}
