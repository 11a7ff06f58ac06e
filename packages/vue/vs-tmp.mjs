import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const r = await build({
  stdin: {
    contents: `export { createLivepush, useLivepush } from '/work/wt/refactor/packages/vue/src/index.ts';`,
    resolveDir: '/work/wt/refactor/packages/vue',
    loader: 'ts',
  },
  absWorkingDir: '/work/wt/refactor/packages/vue',
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['@livepush/source'],
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['vue'],
  write: false,
  logLevel: 'silent',
});
const code = Buffer.concat(r.outputFiles.map((f) => f.contents)).toString();
console.log('now', gzipSync(code, { level: 9 }).length);
for (const [name, from, to] of [
  ['no vod', ':e.startsWith("/inspector")?"vod":"streams"', ':"streams"'],
  ['inline hasScopes', 'function y(e,o){return o.every(a=>e.includes(a))}', ''],
])
  console.log(name, gzipSync(code.replace(from, to), { level: 9 }).length);
