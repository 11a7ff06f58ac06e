// `changeset version` on a scratch copy, with the repository's pending changesets plus three of the
// test's own (one package, two packages, the whole group): every CHANGELOG.md lists, per package, the
// summaries of the changesets naming it; the release notes list every change once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPENDENCY_LINE } from '../../../scripts/release/changelog.cjs';
import { PUBLISHED, ROOT } from '../../../scripts/release/packages.mjs';
import { changelogEntries, releaseNotes } from '../../../scripts/release/release-notes.mjs';
import { createScratch, type Scratch } from '../../../scripts/release/scratch.mjs';
import { count, leavePreMode, MINUTE, section, writeChangeset } from './support';

const CORE = '@livepush/auth-core';
const names = PUBLISHED.map(({ name }) => name);

const FIXTURES = [
  { id: 'zz-core-only', releases: { [CORE]: 'minor' }, summary: 'Rehearsal: a change to the core alone.' },
  {
    id: 'zz-two-adapters',
    releases: { '@livepush/auth-react': 'patch', '@livepush/auth-vue': 'patch' },
    summary: 'Rehearsal: a fix in the React and Vue adapters,\nover two lines.',
  },
  {
    id: 'zz-whole-group',
    releases: Object.fromEntries(names.map((name) => [name, 'patch'])) as Record<string, 'patch'>,
    summary: 'Rehearsal: a change to every package.',
  },
] as const;

/** The repository's pending changesets: which packages each names, and its summary. */
function pendingChangesets(): { releases: string[]; summary: string }[] {
  const dir = join(ROOT, '.changeset');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .map((file) => {
      const [, frontmatter = '', summary = ''] = readFileSync(join(dir, file), 'utf8').split(/^---$/m);
      const releases = [...frontmatter.matchAll(/^['"]?(@[\w/-]+)['"]?\s*:/gm)].map(
        ([, name]) => name as string,
      );
      return { releases, summary: summary.trim() };
    });
}

/** A summary as changelog.cjs writes it: the first line after "- ", the rest indented by two spaces. */
const entry = (summary: string) =>
  `- ${summary
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : `  ${line}`))
    .join('\n')}`;

describe('changelogs and release notes', () => {
  let scratch: Scratch;
  let version: string;

  beforeAll(async () => {
    scratch = await createScratch();
    await leavePreMode(scratch);
    for (const { id, releases, summary } of FIXTURES) writeChangeset(scratch.dir, id, releases, summary);
    await scratch.changeset(['version']);
    version = scratch.version();
  }, 2 * MINUTE);

  afterAll(() => scratch?.remove(), MINUTE);

  it('each CHANGELOG.md: the summaries of the changesets naming that package, one line for the core it depends on, no "Updated dependencies"', () => {
    const changesets = [
      ...pendingChangesets(),
      ...FIXTURES.map(({ releases, summary }) => ({ releases: Object.keys(releases), summary })),
    ];
    for (const { name, dir } of PUBLISHED) {
      const changelog = readFileSync(join(scratch.dir, dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog.startsWith(`# ${name}\n`)).toBe(true);
      expect(changelog).not.toContain('Updated dependencies');
      const entries = changelogEntries(changelog, version) ?? [];
      const texts = entries.map(({ text }) => text);
      for (const { releases, summary } of changesets) {
        const expected = releases.includes(name) ? 1 : 0;
        expect(
          texts.filter((text) => text === entry(summary)),
          `${name}: ${summary.slice(0, 60)}`,
        ).toHaveLength(expected);
      }
      // The adapters depend on the core (Next.js on the React bindings, Nuxt on the Vue one): one short line names
      // the versions they pin.
      const manifest = JSON.parse(readFileSync(join(scratch.dir, dir, 'package.json'), 'utf8'));
      const pinned = Object.keys(manifest.dependencies ?? {}).filter((dependency) =>
        dependency.startsWith('@livepush/'),
      );
      expect(pinned.length === 0 || pinned.includes(CORE), `${name} depends on the core`).toBe(true);
      expect(texts.filter((text) => text.startsWith(DEPENDENCY_LINE))).toEqual(
        pinned.length > 0
          ? [
              `${DEPENDENCY_LINE}${pinned.map((dependency) => `\`${dependency}@${version}\``).join(', ')} (released together).`,
            ]
          : [],
      );
    }
  });

  it('the release notes: every change once, grouped by the packages it names, no dependency lines', () => {
    const { markdown } = releaseNotes(version, { root: scratch.dir });
    expect(markdown.startsWith(`# Livepush Auth ${version}\n`)).toBe(true);
    expect(markdown).not.toContain('Updated dependencies');
    expect(markdown).not.toContain(DEPENDENCY_LINE);
    for (const { summary } of [...pendingChangesets(), ...FIXTURES]) {
      expect(count(markdown, entry(summary)), summary.slice(0, 60)).toBe(1);
    }
    const [coreOnly, twoAdapters, wholeGroup] = FIXTURES.map(({ summary }) => entry(summary));
    expect(section(markdown, CORE)).toContain(coreOnly);
    expect(section(markdown, '@livepush/auth-react, @livepush/auth-vue')).toContain(twoAdapters);
    expect(section(markdown, 'All packages')).toContain(wholeGroup);
    // Under the bump it was written with.
    expect(section(section(markdown, CORE), 'Minor changes', 3)).toContain(coreOnly);
    expect(section(section(markdown, 'All packages'), 'Patch changes', 3)).toContain(wholeGroup);
  });
});
