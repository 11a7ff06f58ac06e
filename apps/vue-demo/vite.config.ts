import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  plugins: [vue()],
  // Workspace packages from source (the same condition the tests use); published apps get dist.
  resolve: { conditions: ['@livepush/source', ...defaultClientConditions] },
  // `vite` (dev) proxies /auth to the demo server (`pnpm start`, PORT 5174).
  build: { outDir: 'dist/client' },
  server: { port: 5173, proxy: { '/auth': `http://127.0.0.1:${process.env.PORT ?? 5174}` } },
});
