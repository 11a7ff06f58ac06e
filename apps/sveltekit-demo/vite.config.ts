import { sveltekit } from '@sveltejs/kit/vite';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

const SOURCE = '@livepush/source';

export default defineConfig({
  plugins: [sveltekit()],
  // Workspace packages from source (the condition the tests use), in the browser and on the server.
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: {
    resolve: { conditions: [SOURCE, ...defaultServerConditions] },
    // The embedded mock (a Hono server) stays a runtime import of its built package, which finds its own
    // dependencies; bundling it would leave imports of `hono` that `node build/index.js` cannot resolve.
    external: ['@livepush/mock-server'],
  },
  server: { host: '127.0.0.1', port: 5185, strictPort: true },
});
