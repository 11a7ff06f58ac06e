import type { UserConfig } from 'tsdown';

/** The one build preset every published package uses: ESM + .d.ts for any runtime. */
export function livepushBuild(entry: string[], overrides: UserConfig = {}): UserConfig {
  return {
    entry,
    format: 'esm',
    platform: 'neutral',
    dts: true,
    sourcemap: true,
    clean: true,
    unbundle: false,
    // `.js`/`.d.ts` (not `.mjs`/`.d.mts`): what every package.json `exports` points at.
    fixedExtension: false,
    ...overrides,
  };
}
