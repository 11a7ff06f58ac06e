import { defineConfig } from 'tsdown';
import { livepushBuild } from '../../tsdown.preset.ts';

// `$app/environment` is SvelteKit's virtual module: the app's Vite build resolves it, never this one.
export default defineConfig(livepushBuild(['src/index.ts'], { external: [/^\$app\//] }));
