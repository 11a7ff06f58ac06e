// The changelog lines `changeset version` writes into each package's CHANGELOG.md (configured in
// .changeset/config.json). Readable without GitHub: each entry is the changeset's summary, under the
// package(s) it names; a dependency bump inside the fixed group is one short line instead of
// "Updated dependencies [hashes]" lists. Runs offline (no GitHub token, unlike changelog-github).
// scripts/release/release-notes.mjs reads these CHANGELOG sections back to build one release's notes.
// CommonJS: changesets loads this file with require().

/** Starts the one line a package gets for the `@livepush/*` packages it depends on. */
const DEPENDENCY_LINE = '- Depends on ';

/**
 * A changeset's entry: its summary as one list item (the first line after `- `, the rest indented so
 * that lists and paragraphs in the summary stay inside the item).
 * @param {{ summary: string }} changeset
 * @returns {Promise<string>}
 */
async function getReleaseLine(changeset) {
  const [first, ...rest] = changeset.summary.trim().split('\n');
  return [`- ${first}`, ...rest.map((line) => (line.trim() ? `  ${line}` : ''))].join('\n');
}

/**
 * The package's `@livepush/*` dependencies released with it, in one line (the fixed group gives them
 * this package's version), e.g. "- Depends on `@livepush/auth-core@0.2.0` (released together)."
 * @param {unknown} _changesets
 * @param {{ name: string, newVersion: string }[]} dependenciesUpdated
 * @returns {Promise<string>}
 */
async function getDependencyReleaseLine(_changesets, dependenciesUpdated) {
  if (dependenciesUpdated.length === 0) return '';
  const names = dependenciesUpdated.map(({ name, newVersion }) => `\`${name}@${newVersion}\``);
  return `${DEPENDENCY_LINE}${names.join(', ')} (released together).`;
}

module.exports = { getReleaseLine, getDependencyReleaseLine, DEPENDENCY_LINE };
