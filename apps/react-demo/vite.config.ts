import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The API server (`pnpm start`) listens on PORT (default 5173); `pnpm dev` runs Vite on 5183 and
// proxies /auth to it.
const api = `http://127.0.0.1:${process.env.PORT ?? 5173}`;

export default defineConfig({
  plugins: [react()],
  // Workspace packages from source (the condition the tests use); the published packages ship dist.
  resolve: { conditions: ['@livepush/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5183, strictPort: true, proxy: { '/auth': api } },
});
