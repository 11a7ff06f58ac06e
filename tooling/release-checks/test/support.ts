import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Test timeouts: the rehearsals spawn builds and installs. */
export const MINUTE = 60_000;

/**
 * Starts the rehearsals from normal mode whatever the repository is in: when `main` is in pre mode
 * (`.changeset/pre.json`), the scratch copy leaves it (its changesets become pending again).
 */
export async function leavePreMode(scratch: { dir: string; git(args: string[]): Promise<unknown> }) {
  const pre = join(scratch.dir, '.changeset', 'pre.json');
  if (!existsSync(pre)) return;
  rmSync(pre);
  await scratch.git(['commit', '-q', '-a', '-m', 'leave pre mode']);
}

/** Writes a changeset into a scratch copy (never into the working tree). */
export function writeChangeset(
  dir: string,
  id: string,
  releases: Record<string, 'major' | 'minor' | 'patch'>,
  summary: string,
): void {
  const frontmatter = Object.entries(releases).map(([name, bump]) => `'${name}': ${bump}`);
  writeFileSync(join(dir, '.changeset', `${id}.md`), `---\n${frontmatter.join('\n')}\n---\n\n${summary}\n`);
}

/**
 * The text under a heading of a markdown document (`## title` at level 2, `### title` at level 3), up
 * to the next heading of that level.
 */
export function section(markdown: string, title: string, level = 2): string {
  const hashes = '#'.repeat(level);
  const start = markdown.indexOf(`\n${hashes} ${title}\n`);
  if (start === -1) return '';
  const end = markdown.indexOf(`\n${hashes} `, start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** How many times `needle` occurs in `haystack`. */
export function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
