import { defineConfig } from 'tsdown';
import { livepushBuild } from '../../tsdown.preset.ts';

export default defineConfig(
  livepushBuild(['src/index.ts', 'src/server/index.ts', 'src/client/index.ts', 'src/protocol/index.ts']),
);
