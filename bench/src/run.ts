import type { Benchmark, BenchResult } from './benchmark';
import { bundleSize } from './bundle-size';
import { coldStart } from './cold-start';
import { memory } from './memory';
import { proxyOverhead } from './proxy-overhead';
import { refreshStorm } from './refresh-storm';
import { sessionRead } from './session-read';
import { sessionStores } from './session-stores';
import { renderTable } from './table';

const BENCHMARKS: Benchmark[] = [
  { name: 'session-read', run: sessionRead },
  { name: 'bundle-size', run: bundleSize },
  { name: 'refresh-storm', run: refreshStorm },
  { name: 'proxy-overhead', run: proxyOverhead },
  { name: 'memory', run: memory },
  { name: 'cold-start', run: coldStart },
  { name: 'session-stores', run: sessionStores },
];

const args = process.argv.slice(2);
const quick = args.includes('--quick') || ['1', 'true'].includes(process.env.BENCH_QUICK ?? '');
const selected = args.filter((arg) => !arg.startsWith('--'));
const unknown = selected.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.map((b) => b.name).join(', ')}.`,
  );
  process.exit(2);
}

const started = performance.now();
const failures: string[] = [];
console.log(`# Livepush Auth benchmarks${quick ? ' (quick mode: checks they run, numbers are rough)' : ''}`);
console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
for (const benchmark of BENCHMARKS) {
  if (selected.length > 0 && !selected.includes(benchmark.name)) continue;
  let result: BenchResult;
  try {
    result = await benchmark.run({ quick, progress: (message) => console.error(`  … ${message}`) });
  } catch (error) {
    failures.push(
      `${benchmark.name} failed to run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    continue;
  }
  for (const table of result.tables) console.log(renderTable(table));
  failures.push(...result.failures);
}

console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
if (failures.length > 0) {
  console.error(`\n${failures.length} failure(s):\n${failures.map((f) => `- ${f}`).join('\n')}`);
  process.exitCode = 1;
}
