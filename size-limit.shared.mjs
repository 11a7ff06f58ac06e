/**
 * The one way the browser budgets are measured (each browser package's `.size-limit.mjs` lists its
 * checks): size-limit's esbuild bundle, minified ESM for the browser, gzip, with the workspace packages
 * from source through the `@livepush/source` condition (as tests and bench/ resolve them), production mode.
 *
 * Each check's `budget` is the whole bundle's size in bytes. size-limit subtracts what esbuild adds to an
 * empty project (46 B gzip for an `import` check, 32 B for a file), so its limit is that much lower.
 */
export function budgets(checks) {
  return checks.map(({ budget, ...check }) => ({
    ...check,
    gzip: true,
    limit: `${budget - (check.import ? 46 : 32)} B`,
    modifyEsbuildConfig: (config) => ({
      ...config,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      conditions: ['@livepush/source'],
      define: { 'process.env.NODE_ENV': '"production"' },
    }),
  }));
}
