#!/usr/bin/env node
// The release dry run, for CI: the static release checks, without publishing. Expects built packages
// (run after `turbo run build`, or pass --build).
//
//   1. check-packages: manifests, the `pnpm pack` tarballs, publint --strict, attw --profile esm-only
//   2. check-docs: every README code block compiled or marked
//   3. check-hygiene: sherif + knip
//
// The install test — publish into a local registry, install by name and version with npm and pnpm, the
// sign-in smoke test — is a test of packages/release-checks (counted with the others), and
// `pnpm release` runs it before publishing (scripts/release/smoke.mjs).
//
//   node scripts/check-release.mjs [--build]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { checkDocs } from './check-docs.mjs';
import { checkHygiene } from './check-hygiene.mjs';
import { checkPackages } from './check-packages.mjs';
import { bin, run, seconds } from './release/util.mjs';

export function checkRelease() {
  const failures = [];
  const step = (name, fn) => {
    const start = performance.now();
    console.log(`› ${name}`);
    try {
      const problems = fn();
      for (const problem of problems) console.error(`  ✗ ${problem}`);
      if (problems.length > 0) failures.push(name);
      console.log(`  ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`} (${seconds(start)})`);
    } catch (error) {
      console.error(`  ✗ ${error.stack ?? error}`);
      failures.push(name);
    }
  };

  step(
    'packages: manifests, tarballs, publint --strict, attw --profile esm-only',
    () => checkPackages().problems,
  );
  step('docs: README code blocks compiled', () =>
    checkDocs()
      .results.filter((result) => result.status === 'missing')
      .map(({ where, lang }) => `${where} (${lang}): not in a typechecked file and not marked not-compiled`),
  );
  step('hygiene: sherif + knip', () => {
    const { fresh, known } = checkHygiene();
    if (known.length > 0)
      console.log(`  ${known.length} known issue(s): node scripts/check-hygiene.mjs lists them`);
    return fresh.map(({ key, detail }) => `${key} (${detail})`);
  });
  return failures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { build: { type: 'boolean' } } });
  const start = performance.now();
  if (values.build) run(bin('turbo'), ['run', 'build', '--output-logs=errors-only']);
  const failures = checkRelease();
  if (failures.length > 0) {
    console.error(`\nrelease checks failed: ${failures.join('; ')} (${seconds(start)})`);
    process.exit(1);
  }
  console.log(`\nrelease checks: all clean (${seconds(start)})`);
}
