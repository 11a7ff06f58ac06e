import { defineConfig } from 'tsdown';
import { livepushBuild } from '../../tsdown.preset';

// `.js`/`.d.ts` names, as package.json's `bin` and `exports` expect (the package is `type: module`).
export default defineConfig(
  livepushBuild(['src/index.ts', 'src/endpoints.ts', 'src/bin.ts'], {
    platform: 'node',
    fixedExtension: false,
  }),
);
