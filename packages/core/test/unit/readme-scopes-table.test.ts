// The core README's scope table shows both wordings of each scope side by side: Livepush's documented
// text (what its consent page and the mock's show) and `describeScope` (for the app's own users). The
// table must match both sources exactly, so the difference reads as deliberate and never drifts.
import { readFileSync } from 'node:fs';
import { LIVEPUSH_MOCK_SCOPES } from '@livepush/mock-server';
import { describe, expect, it } from 'vitest';
import { describeScope, LIVEPUSH_SCOPES } from '../../src/index';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The rows of the table under the heading: `[scope, Livepush's text, describeScope's]`. */
function tableRows(): string[][] {
  const section = readme.slice(readme.indexOf('### Two wordings of each scope, on purpose'));
  const table = section.slice(section.indexOf('\n|'), section.indexOf('\n\n', section.indexOf('\n|')));
  return table
    .trim()
    .split('\n')
    .slice(2)
    .map((row) =>
      row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe("the README's table of the two wordings", () => {
  it('lists the 16 scopes in order, each with the mock’s (Livepush’s) text and describeScope’s', () => {
    const rows = tableRows();
    expect(rows.map(([scope]) => scope)).toEqual(LIVEPUSH_SCOPES.map((scope) => `\`${scope}\``));
    const documented = new Map(LIVEPUSH_MOCK_SCOPES.map((entry) => [entry.scope, entry.description]));
    for (const [cell = '', livepush, ours] of rows) {
      const scope = cell.slice(1, -1) as (typeof LIVEPUSH_SCOPES)[number];
      expect(livepush, scope).toBe(documented.get(scope));
      expect(ours, scope).toBe(describeScope(scope));
      expect(ours, `${scope}: the two wordings differ on purpose`).not.toBe(livepush);
    }
  });
});
