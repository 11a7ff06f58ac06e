import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import { livepushProject } from '../../vitest.shared.ts';

// Outside a SvelteKit build `$app/environment` does not exist: a stub whose `building` a test can flip.
export default mergeConfig(livepushProject('sveltekit'), {
  resolve: {
    alias: {
      '$app/environment': fileURLToPath(new URL('./test/support/app-environment.ts', import.meta.url)),
    },
  },
});
