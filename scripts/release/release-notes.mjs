#!/usr/bin/env node
// One release's notes for the whole fixed group, from the packages' CHANGELOG.md sections of that
// version (written by `changeset version` through changelog.cjs). Each change is listed once, under
// the package it names — or under all the packages it names together — with the changeset's summary;
// the "depends on" lines of a fixed-group bump are left out, and packages released without changes of
// their own are named in one sentence. The release workflow publishes this as the GitHub release.
//
//   node scripts/release/release-notes.mjs [VERSION]   (default: the version in packages/*/package.json)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEPENDENCY_LINE } from './changelog.cjs';
import { PUBLISHED, ROOT, readManifest } from './packages.mjs';

const BUMPS = ['major', 'minor', 'patch'];
const TITLES = { major: 'Major changes', minor: 'Minor changes', patch: 'Patch changes' };

/**
 * The entries of one version's section in a CHANGELOG.md written by changesets:
 * `{ bump: 'major' | 'minor' | 'patch', text }[]`, in file order (dependency lines included).
 */
export function changelogEntries(markdown, version) {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${version}`);
  if (start === -1) return null;
  const entries = [];
  let bump = 'patch';
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    const heading = /^### (Major|Minor|Patch) Changes$/.exec(line);
    if (heading) bump = heading[1].toLowerCase();
    else if (line.startsWith('- ')) entries.push({ bump, lines: [line] });
    else if (entries.length > 0 && !line.startsWith('#')) entries.at(-1).lines.push(line);
  }
  return entries.map(({ bump, lines }) => ({ bump, text: lines.join('\n').trimEnd() }));
}

/**
 * The notes of `version`: `{ markdown, entries }`, where `entries` lists each change once with the
 * packages it names (in the group's order) and its largest bump.
 */
export function releaseNotes(version, { root = ROOT } = {}) {
  const changes = new Map();
  const unchanged = [];
  const missing = [];
  for (const { name, dir } of PUBLISHED) {
    const file = join(root, dir, 'CHANGELOG.md');
    const entries = existsSync(file) ? changelogEntries(readFileSync(file, 'utf8'), version) : null;
    if (entries === null) {
      missing.push(name);
      continue;
    }
    const own = entries.filter(({ text }) => !text.startsWith(DEPENDENCY_LINE));
    if (own.length === 0) unchanged.push(name);
    for (const { bump, text } of own) {
      const change = changes.get(text) ?? { text, bump, packages: [] };
      change.packages.push(name);
      if (BUMPS.indexOf(bump) < BUMPS.indexOf(change.bump)) change.bump = bump;
      changes.set(text, change);
    }
  }
  if (missing.length > 0) {
    throw new Error(`no "## ${version}" section in the CHANGELOG.md of ${missing.join(', ')}`);
  }

  // Sections: changes to every package first, then each package's own, then the ones shared by a few.
  const all = PUBLISHED.map(({ name }) => name);
  const sectionOf = (packages) => (packages.length === all.length ? 'All packages' : packages.join(', '));
  const order = (packages) =>
    packages.length === all.length ? -1 : all.indexOf(packages[0]) + (packages.length > 1 ? all.length : 0);
  const sections = new Map();
  for (const change of [...changes.values()].sort((a, b) => order(a.packages) - order(b.packages))) {
    const title = sectionOf(change.packages);
    sections.set(title, [...(sections.get(title) ?? []), change]);
  }

  const out = [
    `# Livepush Auth ${version}`,
    '',
    `Every \`@livepush/*\` package is released at ${version}: install the same version of each one you use.`,
  ];
  for (const [title, list] of sections) {
    out.push('', `## ${title}`);
    for (const bump of BUMPS) {
      const texts = list.filter((change) => change.bump === bump).map((change) => change.text);
      if (texts.length > 0) out.push('', `### ${TITLES[bump]}`, '', ...texts);
    }
  }
  if (unchanged.length > 0) {
    out.push(
      '',
      `Released without changes of their own: ${unchanged.map((name) => `\`${name}\``).join(', ')}.`,
    );
  }
  return { markdown: `${out.join('\n')}\n`, entries: [...changes.values()] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const version = process.argv[2] ?? readManifest(PUBLISHED[0].dir).version;
  try {
    process.stdout.write(releaseNotes(version).markdown);
  } catch (error) {
    console.error(`release-notes: ${error.message} (run \`changeset version\` first)`);
    process.exit(1);
  }
}
