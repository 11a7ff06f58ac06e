import { defineConfig } from 'tsdown';
import { livepushBuild } from '../../tsdown.preset.ts';

// The module, plus its runtime files one by one: Nuxt and Nitro load those by path and bundle them into
// the app, resolving `nuxt/app` and `nitropack/runtime` to the app's own copies.
export default defineConfig(
  livepushBuild(['src/module.ts', 'src/runtime/**/*.ts'], {
    unbundle: true,
    external: [/^nuxt(\/|$)/, /^nitropack(\/|$)/, /^@nuxt\//, 'h3'],
  }),
);
