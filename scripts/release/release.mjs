#!/usr/bin/env node
// `pnpm release`: build, run every release check on the packed artefacts, then `changeset publish`.
//
//   pnpm release             build → checks → changeset publish (needs npm credentials)
//   pnpm release --dry-run   build → checks → changeset status; publishes nothing
//
// Versions come from `pnpm changeset version` beforehand (see RELEASING.md).
import { parseArgs } from 'node:util';
import { checkRelease } from '../check-release.mjs';
import { bin, run, seconds } from './util.mjs';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } } });
const start = performance.now();

console.log('› build');
run(bin('turbo'), ['run', 'build', '--output-logs=errors-only']);

const failures = checkRelease();
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
