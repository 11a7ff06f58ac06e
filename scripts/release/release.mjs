#!/usr/bin/env node
// `pnpm release`: build, run every release check, rehearse the release through a local registry, then
// `changeset publish`. The release workflow (.github/workflows/release.yml) runs it once the Version
// Packages pull request is merged.
//
//   pnpm release             build → checks → rehearsal → changeset publish (needs npm credentials)
//   pnpm release --dry-run   build → checks → rehearsal → changeset status; publishes nothing
//
// The rehearsal (scripts/release/smoke.mjs) publishes a scratch copy into Verdaccio on loopback and
// installs it by name and version with npm and pnpm. Versions come from `changeset version` beforehand
// (the Version Packages pull request; see RELEASING.md).
import { parseArgs } from 'node:util';
import { checkRelease } from '../check-release.mjs';
import { rehearse } from './smoke.mjs';
import { bin, run, seconds } from './util.mjs';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } } });
const start = performance.now();

console.log('› build');
run(bin('turbo'), ['run', 'build', '--output-logs=errors-only']);

const failures = checkRelease();
console.log('› rehearsal: publish into a local registry, install with npm and pnpm, sign-in smoke test');
const rehearsed = await rehearse().catch((error) => {
  console.error(`  ✗ ${error.stack ?? error}`);
  return false;
});
if (!rehearsed) failures.push('rehearsal');
if (failures.length > 0) {
  console.error(`\nnot publishing: ${failures.join('; ')} failed (${seconds(start)})`);
  process.exit(1);
}

if (values['dry-run']) {
  console.log('\n› changeset status (dry run: nothing is published)');
  run(bin('changeset'), ['status', '--verbose'], { allowFail: true });
  console.log(`\nrelease dry run: clean (${seconds(start)})`);
} else {
  console.log('\n› changeset publish');
  run(bin('changeset'), ['publish']);
  console.log(`\nreleased (${seconds(start)}); push the tags: git push --follow-tags`);
}
