// @vitest-environment node
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('the README example is examples/app.tsx (which typecheck compiles)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('../examples/app.tsx', import.meta.url), 'utf8');
  const block = /<!-- examples\/app\.tsx[^>]*-->\n```tsx\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBe(example);
});
