import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type LoadResult, load } from './load';
import { CONCURRENCY, proxySides } from './proxy-overhead';
import { medianRange, spread } from './stats';
import { renderTable } from './table';

/**
 * Where the CPU of a proxied request goes (issue 17): the proxy benchmark's two sides (the same mock,
 * the same call, 32 concurrent), each run under V8's sampling profiler in alternating rounds, and the
 * main thread's self time per request summed by where the code lives. Not part of `bench`: run it
 * with `pnpm --filter @livepush/bench run profile:proxy [rounds]` when the proxy changes, and copy the
 * table into bench/README.md. The profiler inflates every figure; compare the two columns, not the
 * absolute values with the benchmark's.
 */

const ROUND_MS = 1500;
const SAMPLING_US = 100;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES = [
  ['undici', 'undici (`fetch`, `Request`, `Response`, `Headers`, body mixins, its HTTP parser)'],
  ['webstreams', "Node's web streams (`ReadableStream`, readers, byte streams)"],
  ['events', "Node's `AbortController`, `AbortSignal`, events, timers"],
  ['node', "Node's other JS internals (`http`, `net`, streams, `URL`, …)"],
  ['native', 'native: V8 builtins, microtasks, socket I/O, `(program)`'],
  ['gc', 'garbage collector'],
  ['core', 'core (`packages/core/src`: handler, route, transport, session)'],
  ['mock', 'the mock (`packages/mock-server`, Hono): same work both sides'],
  ['harness', 'the load generator (`bench/src`)'],
] as const;
type Category = (typeof CATEGORIES)[number][0];

const bundle = fileURLToPath(import.meta.url);
const sourceMap = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
const bundleUrl = import.meta.url;

/** Where a function of the bundle comes from: its source file (absolute) and line (1-based). */
function originalSource(line: number, column: number): { source: string; line: number } {
  const entry = sourceMap.findEntry(line, column) as { originalSource?: string; originalLine?: number };
  // The map names sources relative to the bundle.
  const source = entry.originalSource ? fileURLToPath(new URL(entry.originalSource, bundleUrl)) : '?';
  return { source, line: (entry.originalLine ?? 0) + 1 };
}

function categoryOf({ functionName, url, lineNumber, columnNumber }: CallFrame): Category | null {
  if (functionName === '(idle)') return null;
  if (functionName === '(garbage collector)') return 'gc';
  if (url === '') return 'native';
  // llhttp, the HTTP parser under undici's fetch.
  if (url.startsWith('wasm://')) return 'undici';
  if (url === 'node:internal/deps/undici/undici') return 'undici';
  if (url.startsWith('node:internal/webstreams/')) return 'webstreams';
  if (/^node:internal\/(abort_controller|event_target|events\/|timers)/.test(url) || url === 'node:events')
    return 'events';
  if (url.startsWith('node:')) return 'node';
  if (url !== bundleUrl) return 'harness';
  const source = originalSource(lineNumber, columnNumber).source;
  if (source.includes('/packages/core/src/')) return 'core';
  if (source.includes('/bench/src/')) return 'harness';
  return 'mock';
}

interface Frame {
  category: Category;
  /** `function (file:line)`, in the original sources for code from the bundle. */
  name: string;
}

function frameOf(callFrame: CallFrame): Frame | null {
  const category = categoryOf(callFrame);
  if (category === null) return null;
  const { functionName, url, lineNumber, columnNumber } = callFrame;
  let where = `${url.replace(/^node:internal\//, '')}:${lineNumber + 1}`;
  if (url === bundleUrl) {
    const { source, line } = originalSource(lineNumber, columnNumber);
    where = `${source.replace(/^.*?\/(packages|bench|node_modules)\//, '$1/')}:${line}`;
  }
  return { category, name: `${functionName || '(anonymous)'} (${where})` };
}

/**
 * Samples per category and per function in one profile. Weighing every sample alike (not by the
 * time to the next one) keeps a process that waits for a core on a busy machine from counting the
 * wait as work.
 */
function sampleCounts(profile: Profile): {
  categories: Map<Category, number>;
  functions: Map<string, number>;
} {
  const byNode = new Map<number, Frame | null>();
  for (const node of profile.nodes) byNode.set(node.id, frameOf(node.callFrame));
  const categories = new Map<Category, number>();
  const functions = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byNode.get(id);
    if (!frame) continue;
    categories.set(frame.category, (categories.get(frame.category) ?? 0) + 1);
    const key = `${frame.category}\t${frame.name}`;
    functions.set(key, (functions.get(key) ?? 0) + 1);
  }
  return { categories, functions };
}

const rounds = Number(process.argv[2] ?? 4);
const sides = await proxySides();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_US });

type Side = 'direct' | 'proxied';
const perRequest: Record<Side, Map<Category | 'cpu', number[]>> = {
  direct: new Map(),
  proxied: new Map(),
};
const topFunctions: Record<Side, Map<string, number>> = { direct: new Map(), proxied: new Map() };
const add = (side: Side, key: Category | 'cpu', value: number) => {
  const list = perRequest[side].get(key) ?? [];
  list.push(value);
  perRequest[side].set(key, list);
};

try {
  await load(ROUND_MS, CONCURRENCY, sides.direct);
  await load(ROUND_MS, CONCURRENCY, sides.proxied);
  for (let round = 0; round < rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['direct', 'proxied'] : ['proxied', 'direct'];
    for (const side of order) {
      await session.post('Profiler.start');
      const result: LoadResult = await load(ROUND_MS, CONCURRENCY, sides[side]);
      const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
      if (result.errors > 0) throw new Error(`${result.errors} failed ${side} requests`);
      // The process's CPU per request, split as the main thread's samples are.
      const { categories, functions } = sampleCounts(profile);
      const samples = [...categories.values()].reduce((sum, n) => sum + n, 0);
      const share = result.cpuPerRequest / samples;
      for (const [category] of CATEGORIES) add(side, category, (categories.get(category) ?? 0) * share);
      for (const [name, count] of functions)
        topFunctions[side].set(name, (topFunctions[side].get(name) ?? 0) + (count * share) / rounds);
      add(side, 'cpu', result.cpuPerRequest);
    }
    console.error(`  … round ${round + 1}/${rounds}`);
  }
} finally {
  session.disconnect();
  await sides.close();
}

const cell = (side: Side, key: Category | 'cpu') => medianRange(spread(perRequest[side].get(key)!), ' µs');
const difference = (key: Category | 'cpu') => {
  const direct = perRequest.direct.get(key)!;
  // Paired by round: each proxied round minus the direct round beside it.
  return medianRange(spread(perRequest.proxied.get(key)!.map((value, i) => value - direct[i]!)), ' µs');
};
console.log(
  renderTable({
    title: `Proxy overhead profile: CPU per request by where it runs, ${rounds} rounds of ${ROUND_MS / 1000} s per side`,
    columns: ['where', 'direct', 'proxied', 'proxied − direct'],
    rows: [
      ...CATEGORIES.map(([key, label]) => [
        label,
        cell('direct', key),
        cell('proxied', key),
        difference(key),
      ]),
      [
        '**process CPU per request** (all threads, profiler on)',
        cell('direct', 'cpu'),
        cell('proxied', 'cpu'),
        difference('cpu'),
      ],
    ],
    notes: [
      `median (min–max) over ${rounds} rounds; V8 sampling profiler every ${SAMPLING_US} µs on the main thread; each round's process CPU per request (process.cpuUsage ÷ requests) is split in proportion to the non-idle samples that fall in each place.`,
      'proxied − direct is paired: each round against the other side in the same round.',
    ],
  }),
);

// The functions that cost the proxied side most, and what the direct side spends in them.
const TOP = Number(process.env.PROFILE_TOP ?? 25);
if (TOP > 0) {
  const rows = [...topFunctions.proxied]
    .map(([key, proxied]) => [key, proxied, proxied - (topFunctions.direct.get(key) ?? 0)] as const)
    .sort((a, b) => b[2] - a[2])
    .slice(0, TOP);
  console.log(
    renderTable({
      title: `Top ${TOP} functions by extra self time per proxied request (mean over rounds)`,
      columns: ['where', 'function', 'proxied µs', 'proxied − direct µs'],
      rows: rows.map(([key, proxied, extra]) => {
        const [category, name] = key.split('\t') as [string, string];
        return [category, name, proxied.toFixed(1), extra.toFixed(1)];
      }),
    }),
  );
}
