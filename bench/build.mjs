// Bundles the benchmark runner (TypeScript, workspace packages from source) into dist/run.mjs for plain Node,
// and the proxy profile (src/profile-proxy.ts) into dist/profile-proxy.mjs; the source maps beside them
// let the profile tell core's code from the mock's inside one bundle.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));
// The alternatives and esbuild stay external: Node loads them from bench/node_modules as users would.
// Workspace packages (and what they depend on) are bundled from src/ through the source condition.
const external = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
  .filter((name) => !name.startsWith('@livepush/'))
  .flatMap((name) => [name, `${name}/*`]);

await build({
  entryPoints: {
    run: new URL('src/run.ts', import.meta.url).pathname,
    'profile-proxy': new URL('src/profile-proxy.ts', import.meta.url).pathname,
  },
  outdir: new URL('dist', import.meta.url).pathname,
  outExtension: { '.js': '.mjs' },
  sourcemap: 'external',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@livepush/source'],
  external,
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
