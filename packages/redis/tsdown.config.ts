import { defineConfig } from 'tsdown';
import { livepushBuild } from '../../tsdown.preset.ts';

export default defineConfig(livepushBuild(['src/index.ts']));
