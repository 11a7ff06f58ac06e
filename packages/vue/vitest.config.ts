import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { mergeConfig } from 'vitest/config';
import { livepushProject } from '../../vitest.shared.ts';

export default mergeConfig(livepushProject('vue', { environment: 'happy-dom' }), {
  plugins: [vue()],
  // The examples import the package by name, as users do.
  resolve: {
    alias: [
      {
        find: /^@livepush\/auth-vue\/router$/,
        replacement: fileURLToPath(new URL('src/router.ts', import.meta.url)),
      },
      { find: /^@livepush\/auth-vue$/, replacement: fileURLToPath(new URL('src/index.ts', import.meta.url)) },
    ],
  },
  // vue-tsc, so the type tests see the .vue examples too.
  test: { environment: './test/environment.ts', typecheck: { checker: 'vue-tsc' } },
});
