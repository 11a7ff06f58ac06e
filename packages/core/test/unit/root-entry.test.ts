import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every name `src/index.ts` exports (values and types), from its `export { … }` lists. */
function rootNames(): string[] {
  const source = readFileSync(new URL('../../src/index.ts', import.meta.url), 'utf8');
  return [...source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((match) =>
    match[1]!
      .split(',')
      .map((name) => name.trim().replace(/^type\s+/, ''))
      .filter(Boolean),
  );
}

describe('the root entry (issue 15: a small surface)', () => {
  it('exports at most 45 names, each once; the OAuth plumbing (FetchLike, …) lives in /protocol', () => {
    const names = rootNames();
    expect(names.length).toBeLessThanOrEqual(45);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('LivepushSessionData');
    expect(names).not.toContain('FetchLike');
  });
});
