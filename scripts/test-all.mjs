// `npm test`: installs what is missing; turbo runs every package's build, typecheck, test, size and e2e
// tasks (replayed from its cache when nothing they read changed); then the repo-wide checks. Ends with
// one line `N passed, N failed`: the tests in the vitest and Playwright reports, plus one failure for each
// failed task or check that no failed test accounts for. Exits non-zero on any failure.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, pnpmEnv, ROOT, run } from './pnpm.mjs';
import { readJson, readReports } from './test-reports.mjs';

Object.assign(process.env, pnpmEnv());
ensureInstalled(process.env);
const { checkRelease } = await import('./check-release.mjs');

const workspaces = ['packages', 'apps', 'tooling']
  .flatMap((group) => readdirSync(join(ROOT, group)).map((name) => join(ROOT, group, name)))
  .concat(join(ROOT, 'bench'));
const runs = join(ROOT, '.turbo', 'runs');
// Reports of an earlier run must not count: turbo restores those of the tasks it replays.
for (const dir of [...workspaces.map((w) => join(w, '.reports')), runs])
  rmSync(dir, { recursive: true, force: true });

const failedChecks = [];
const step = (name, cmd, args) => {
  console.log(`\n› ${name}`);
  if (run(cmd, args, { allowFail: true }) !== 0) failedChecks.push(name);
};
const turbo = ['--continue', '--summarize', '--output-logs=new-only'];
// Two tasks at a time, each test run on one worker: two busy processes on a 2-core machine (more only
// adds contention, and the Redis and timing tests feel it).
process.env.LIVEPUSH_TEST_WORKERS = '1';
step('turbo: build, typecheck, test, size', 'turbo', [
  'run',
  'build',
  'typecheck',
  'test',
  'size',
  '--concurrency=2',
  ...turbo,
]);
// The demos' e2e runs side by side (each has its own ports), then the quick benchmarks alone (timings).
step('turbo: e2e', 'turbo', ['run', 'e2e', '--concurrency=3', ...turbo]);
step('turbo: bench:quick', 'turbo', ['run', 'bench:quick', ...turbo]);
step('lint: biome', 'biome', ['ci', '.']);
console.log('\n› release dry run: packed tarballs (publint, attw), sherif, knip');
failedChecks.push(...checkRelease({ docs: false }));

const { passed, failedTests, failedNames, ...counts } = readReports(ROOT, workspaces);
let failed = counts.failed;
// A failed task whose report shows no failed test (it crashed, or is no test runner) is a failure of its own.
const summaries = existsSync(runs) ? readdirSync(runs).map((file) => readJson(join(runs, file))) : [];
const failedTasks = summaries
  .flatMap((summary) => summary.tasks)
  .filter((task) => task.execution?.exitCode)
  .filter((task) => !['test', 'e2e'].includes(task.task) || !failedTests.get(join(ROOT, task.directory)))
  .map((task) => task.taskId);
// A turbo run that failed with no failed task nor test to show for it (e.g. a bad turbo.json) counts too.
const turboSteps = failedChecks.filter((name) => name.startsWith('turbo'));
const unexplained = failedTasks.length === 0 && failed === 0 ? turboSteps : [];
const failures = [
  ...failedTasks,
  ...unexplained,
  ...failedChecks.filter((name) => !name.startsWith('turbo')),
];
failed += failures.length;

// Named last, so that the tail of a CI log says which tests failed.
if (failedNames.length > 0) console.log(`\nFailed tests:\n${failedNames.map((n) => `  ✗ ${n}`).join('\n')}`);
if (failures.length > 0) console.log(`\nFailed without a failed test to show for it: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failedChecks.length > 0 ? 1 : 0);
