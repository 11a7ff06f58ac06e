import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // Development: the page is on Vite's origin (http://localhost:5173); /auth/* goes on to server.js.
  server: { proxy: { '/auth': process.env.API_ORIGIN ?? 'http://localhost:3000' } },
});
