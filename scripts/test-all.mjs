// The whole test suite: install, build, type-check, lint, unit + integration tests, browser tests.
// Ends with one line "N passed, N failed" summed over every runner; exits non-zero on any failure.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, pnpmEnv, ROOT, run } from './pnpm.mjs';

const env = pnpmEnv();
ensureInstalled(env);
const reports = join(ROOT, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function step(name, cmd, args) {
  console.log(`\n› ${name}`);
  const status = run(cmd, args, { env, allowFail: true });
  if (status !== 0) failures.push(name);
  return status === 0;
}

step('build', 'turbo', ['run', 'build', '--output-logs=errors-only']);
step('typecheck', 'turbo', ['run', 'typecheck', '--output-logs=errors-only']);
step('lint', 'biome', ['ci', '.']);
// The release dry run: packed tarballs (publint, attw), installed and run on plain Node; README code
// blocks compiled; sherif and knip.
step('release checks', 'node', ['scripts/check-release.mjs']);

const vitestReport = join(reports, 'vitest.json');
step('vitest', 'vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else {
  failures.push('vitest report missing');
}

// The benchmarks in their short mode: they must run, keep the refresh storm at one token request and
// the browser bundles within budget (their timings are printed, never asserted).
step('bench (quick)', 'pnpm', ['--filter', '@livepush/bench', 'run', 'bench:quick']);

// Every demo has its own Playwright config (its own server and port); run them one after another.
const apps = existsSync(join(ROOT, 'apps')) ? readdirSync(join(ROOT, 'apps')).sort() : [];
for (const app of apps) {
  const dir = join(ROOT, 'apps', app);
  if (!existsSync(join(dir, 'playwright.config.ts'))) continue;
  const e2eReport = join(reports, `playwright-${app}.json`);
  console.log(`\n› e2e ${app} (Chromium)`);
  const status = run(join(ROOT, 'node_modules', '.bin', 'playwright'), ['test', '--reporter=list,json'], {
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
    cwd: dir,
    allowFail: true,
  });
  if (!existsSync(e2eReport)) {
    failures.push(`e2e ${app} (no report)`);
    continue;
  }
  const stats = JSON.parse(readFileSync(e2eReport, 'utf8')).stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += (stats.unexpected ?? 0) + (stats.skipped ?? 0);
  if (status !== 0 && !stats.unexpected) failures.push(`e2e ${app}`);
}

if (failures.length > 0) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
