#!/usr/bin/env node
// The release dry run, for CI: everything `pnpm release` checks, without publishing. Expects built
// packages (run after `turbo run build`, or pass --build).
//
//   1. check-packages: manifests, the `pnpm pack` tarballs, publint --strict, attw --profile esm-only
//   2. smoke: the tarballs installed with npm into a scratch project, a sign-in on plain Node
//   3. check-docs: every README code block compiled or marked
//   4. check-hygiene: sherif + knip
//
//   node scripts/check-release.mjs [--build]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { checkDocs } from './check-docs.mjs';
import { checkHygiene } from './check-hygiene.mjs';
import { checkPackages } from './check-packages.mjs';
import { smoke } from './release/smoke.mjs';
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

  const packDir = mkdtempSync(join(tmpdir(), 'livepush-pack-'));
  let packed = [];
  try {
    step('packages: manifests, tarballs, publint --strict, attw --profile esm-only', () => {
      const result = checkPackages({ packDir });
      packed = result.packed;
      return result.problems;
    });
    step('smoke: the tarballs installed in a scratch project, a sign-in on Node', () => {
      if (packed.length === 0) return ['nothing was packed'];
      const result = smoke(packed);
      if (result.ok) console.log(`  ${result.output}`);
      return result.ok ? [] : [result.output];
    });
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
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
