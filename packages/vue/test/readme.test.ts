// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('README', () => {
  it('shows each example file verbatim (the files are type-checked by vue-tsc and run by the tests)', () => {
    const readme = read('README.md');
    // `readme-*` files hold README snippets (scripts/check-docs.mjs checks those, block by block).
    const examples = readdirSync(new URL('../examples', import.meta.url)).filter(
      (name) => !name.startsWith('readme-'),
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const name of examples) {
      const lang = name.endsWith('.vue') ? 'vue' : 'ts';
      expect(readme, name).toContain(
        `<!-- examples/${name} (compiled in CI) -->\n\`\`\`${lang}\n${read(`examples/${name}`)}\`\`\``,
      );
    }
  });

  it('starts with the install line', () => {
    expect(read('README.md')).toContain('npm install @livepush/auth-vue @livepush/auth-core');
  });
});
