import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const config: NextConfig = {
  // Next.js 16's model: nothing is dynamic unless it reads request data (auth() does, in <Suspense>).
  cacheComponents: true,
  partialPrefetching: true,
  // The demos' shared helpers are TypeScript sources.
  transpilePackages: ['@livepush/demo-shared'],
  // The workspace packages live above the app.
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
  outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)),
};

export default config;
