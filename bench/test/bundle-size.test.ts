import { describe, expect, it } from 'vitest';
import { CASES, measure } from '../src/bundle-size';

// The size budgets of the benchmark, as a CI failure: the auth code a minimal app imports, min+gzip.
describe('browser bundle budgets', () => {
  for (const c of CASES.filter((c) => c.budget !== undefined)) {
    it(`${c.library}: ${c.imports.join(', ')} ≤ ${c.budget} B min+gzip`, async () => {
      const size = await measure(c);
      console.info(`${c.library}: ${size.minified} B min, ${size.gzip} B min+gzip (budget ${c.budget} B)`);
      expect(size.gzip).toBeLessThanOrEqual(c.budget!);
    }, 30_000);
  }
});
