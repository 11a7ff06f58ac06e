#!/usr/bin/env node
// The release dry run, for CI and `pnpm release`: everything that must hold before publishing, without
// publishing. Expects built packages (after `turbo run build`, or pass --build).
//
//   node scripts/check-release.mjs [--build]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkPackages } from './check-packages.mjs';
import { smoke } from './release/smoke.mjs';
import { bin, run, seconds } from './release/util.mjs';

/** Runs every check, printing its problems; returns the names of the checks that failed. */
export function checkRelease() {
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
  const packDir = mkdtempSync(join(tmpdir(), 'livepush-pack-'));
  let packed = [];
  try {
    check('packages: manifests, tarballs, publint --strict, attw --profile esm-only', () => {
      const result = checkPackages({ packDir });
      packed = result.packed;
      return result.problems;
    });
    check('smoke: the tarballs installed in a scratch project, a sign-in on Node', () => {
      if (packed.length === 0) return ['nothing was packed'];
      const result = smoke(packed);
      console.log(`  ${result.output}`);
      return result.ok ? [] : ['the smoke test failed (above)'];
    });
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
  // Their own configs: package.json "sherif", knip.jsonc.
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
