// Hygiene findings that are real (not false positives) and reported to their owners, but not fixed yet.
// scripts/check-hygiene.mjs prints each one on every run and fails only on findings NOT listed here, so a
// new problem breaks CI while these wait for their owners. Delete an entry once it is fixed (the check
// says which entries no longer occur). False positives are configured in knip.jsonc instead.
//
// Key format: `<tool> <kind> <file> <name>` as check-hygiene prints it.
export const KNOWN_ISSUES = {
  'sherif unordered-dependencies bench/package.json':
    'bench: devDependencies not sorted ("@sveltejs/kit" after "svelte"); `pnpm exec sherif --fix` sorts them',
  'knip files apps/sveltekit-demo/start.js .':
    'sveltekit-demo: nothing runs start.js (`start` runs build/index.js, scripts/demo.mjs too)',
  'knip dependencies apps/react-demo/package.json @livepush/mock-server':
    'react-demo: no import; the mock is started through @livepush/demo-shared',
  'knip dependencies apps/vue-demo/package.json @livepush/mock-server':
    'vue-demo: no import; the mock is started through @livepush/demo-shared',
  'knip dependencies bench/package.json @livepush/auth-sveltekit':
    'bench: nothing imports @livepush/auth-sveltekit (apps/sveltekit-livepush.ts uses the core)',
  'knip devDependencies package.json playwright-core':
    'root: nothing imports playwright-core (@playwright/test brings its own); its catalog entry too',
  'knip catalog pnpm-workspace.yaml playwright-core': 'root: catalog entry used by no package',
  'knip devDependencies packages/core/package.json oauth4webapi':
    'core: no test imports oauth4webapi any more (mock-server still does)',
  'knip devDependencies packages/react/package.json @livepush/mock-server':
    'react: test/support/auth-server.ts imports ../../../mock-server/src by path instead of the package',
  'knip devDependencies packages/vue/package.json @livepush/mock-server':
    'vue: test/harness.ts imports ../../mock-server/src/index by path instead of the package',
  'knip devDependencies packages/sveltekit/package.json @sveltejs/package':
    'sveltekit: not used (the build is tsdown)',
  'knip devDependencies packages/sveltekit/package.json svelte-check':
    'sveltekit: not used by any script (the demo app has its own)',
};
