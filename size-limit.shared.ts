import type { BuildOptions } from 'esbuild';

/**
 * How a browser bundle is measured, the one way for the budgets (size-limit) and bench/'s comparison with
 * the alternatives: minified ESM for the browser, the workspace packages from source through the
 * `@livepush/source` condition (as tests resolve them), production mode; gzip.
 */
export const BROWSER_BUNDLE = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  conditions: ['@livepush/source'],
  define: { 'process.env.NODE_ENV': '"production"' },
} satisfies BuildOptions;

/** One check of a package's `.size-limit.ts`: size-limit's fields, and the budget in bytes. */
interface Budget {
  name: string;
  path: string;
  import?: string;
  ignore?: string[];
  /** The whole bundle's size allowed, min+gzip, in bytes. */
  budget: number;
}

/**
 * size-limit checks for `budgets`, measured as {@link BROWSER_BUNDLE} says. size-limit subtracts what
 * esbuild adds to an empty project (46 B gzip for an `import` check, 32 B for a file), so the limit it
 * gets is that much lower than the budget.
 */
export function budgets(checks: Budget[]) {
  return checks.map(({ budget, ...check }) => ({
    ...check,
    gzip: true,
    limit: `${budget - (check.import ? 46 : 32)} B`,
    modifyEsbuildConfig: (config: BuildOptions) => ({ ...config, ...BROWSER_BUNDLE }),
  }));
}
