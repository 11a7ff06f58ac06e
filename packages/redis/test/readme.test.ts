import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');

describe('README', () => {
  it('shows examples/server.ts verbatim (the compiled example cannot drift from the docs)', async () => {
    const [readme, example] = await Promise.all([read('README.md'), read('examples/server.ts')]);
    const block = /<!-- examples\/server\.ts[^>]*-->\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(example);
  });
});
