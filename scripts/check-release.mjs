#!/usr/bin/env node
// The release dry run, for CI and `pnpm release`: the static release checks, without publishing. Expects
// built packages (after `turbo run build`, or pass --build).
//
// The install test (publish into a local registry, install with npm and pnpm, the sign-in smoke) is a test
// of tooling/release-checks, and the README code blocks a test of tooling/test-support: both are counted
// with the other tests, and `pnpm release` runs the install test before publishing.
//
//   node scripts/check-release.mjs [--build]
import { pathToFileURL } from 'node:url';
import { checkPackages } from './release/check-packages.mjs';
import { bin, run, seconds } from './release/util.mjs';

/**
 * Runs every check, printing its problems; returns the names of the checks that failed. `docs: false`
 * skips the README test (`npm test` has run it with the other tests).
 */
export function checkRelease({ docs = true } = {}) {
  const failures = [];
  const check = (name, fn) => {
    const start = performance.now();
    console.log(`› ${name}`);
    try {
      const problems = fn();
      for (const problem of problems) console.error(`  ✗ ${problem}`);
      if (problems.length > 0) failures.push(name);
    } catch (error) {
      console.error(`  ✗ ${error.stack ?? error}`);
      failures.push(name);
    }
    console.log(`  (${seconds(start)})`);
  };
  check(
    'packages: manifests, tarballs, publint --strict, attw --profile esm-only',
    () => checkPackages().problems,
  );
  if (docs)
    check('docs: README code blocks compiled', () =>
      run(bin('vitest'), ['run', '--project', 'test-support', 'readme'], { allowFail: true }) === 0
        ? []
        : ['the README test failed (above)'],
    );
  // Each with its own config: package.json "sherif", knip.jsonc.
  for (const tool of ['sherif', 'knip'])
    check(`hygiene: ${tool}`, () =>
      run(bin(tool), [], { allowFail: true }) === 0 ? [] : [`${tool} (above)`],
    );
  return failures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const start = performance.now();
  if (process.argv.includes('--build')) run(bin('turbo'), ['run', 'build', '--output-logs=errors-only']);
  const failures = checkRelease();
  console.log(
    `\nrelease checks: ${failures.length ? `FAILED: ${failures.join('; ')}` : 'all clean'} (${seconds(start)})`,
  );
  process.exit(failures.length > 0 ? 1 : 0);
}
