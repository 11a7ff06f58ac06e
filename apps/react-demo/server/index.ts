// The React demo's server (see serveDemo): the auth handler under /auth and the built front end.
import { fileURLToPath } from 'node:url';
import { serveDemo } from '@livepush/demo-shared/server';

await serveDemo({
  name: 'React',
  defaultPort: 5173,
  clientDir: fileURLToPath(new URL('../dist', import.meta.url)),
});
