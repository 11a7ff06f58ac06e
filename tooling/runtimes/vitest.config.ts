import { defineProject } from 'vitest/config';

// The runtime matrix spawns real processes (the mock bin, Node, Bun, Deno, workerd) against the built
// packages: no source condition here, and tests that wait on processes get a process-sized timeout.
export default defineProject({
  test: {
    name: 'runtimes',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
