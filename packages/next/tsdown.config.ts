import { defineConfig } from 'tsdown';
import { livepushBuild } from '../../tsdown.preset.ts';

// Two entries that share no code: the server one (next/headers, the core) and the client one, whose
// `'use client'` directive stays at the top of its output file. `next/*` stay as written: Next.js'
// bundlers alias `next/navigation` (and not `next/navigation.js`) to the build for the route's layer.
export default defineConfig(livepushBuild(['src/index.ts', 'src/client.tsx'], { external: [/^next(\/|$)/] }));
