// The Vue demo's server (see serveDemo): the auth handler under /auth and the built front end.
import { fileURLToPath } from 'node:url';
import { serveDemo } from '@livepush/demo-shared/server';

await serveDemo({
  name: 'Vue',
  defaultPort: 5174,
  clientDir: fileURLToPath(new URL('../client', import.meta.url)),
});
