import { defineConfig } from 'tsdown';
import { livepushBuild } from '../../tsdown.preset.ts';

export default defineConfig(
  livepushBuild(
    [
      'src/index.ts',
      'src/server/index.ts',
      'src/client/index.ts',
      'src/protocol/index.ts',
      // Node-only (node:http): no other entry imports it.
      'src/node/index.ts',
      // The sealer's two crypto builds: package.json `imports["#seal-crypto"]` picks one per runtime
      // (`node` → node:crypto, everything else → Web Crypto), so the import stays external here.
      'src/server/seal-crypto.ts',
      'src/server/seal-crypto.node.ts',
    ],
    { deps: { neverBundle: ['#seal-crypto', /^node:/] } },
  ),
);
