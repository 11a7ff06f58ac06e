import { defineConfig } from 'tsdown';
import { livepushBuild } from '../../tsdown.preset.ts';

// `$app/*` are SvelteKit's virtual modules: the app's Vite build resolves them, never this one.
// `client` is the optional browser entry (its own file: a page that does not import it ships none of it).
export default defineConfig(livepushBuild(['src/index.ts', 'src/client.ts'], { external: [/^\$app\//] }));
