import type { BenchContext, BenchResult } from './benchmark';
import { appRequest, createAuth, signIn, startMock } from './fixture';
import { collector } from './memory';
import { medianRange, num, quantile, spread, times } from './stats';

const PATH = '/auth/api/streams/streams/mine';
const HOUR_MS = 3600_000;
const MB = 1024 * 1024;
/** Retained heap allowed after the storms (the servers are gone): more means finished requests leak. */
const HEAP_GROWTH_LIMIT = 16 * MB;

interface Storm {
  p50: number;
  p99: number;
  tokenRequests: number;
  refreshGrants: number;
  ok: number;
}

/**
 * 3. Refresh storm: `concurrency` requests carrying the same session fired at once through the handler,
 * which proxies each to the mock. With `expired`, the handler's clock has moved two hours past sign-in,
 * so every request finds the access token due: they must share one refresh.
 */
async function storm(
  mock: Awaited<ReturnType<typeof startMock>>,
  concurrency: number,
  expired: boolean,
): Promise<Storm> {
  let offset = 0;
  // A new server per run: a cold process, its own refresher and cache.
  const auth = createAuth(mock.endpoints, { now: () => Date.now() + offset });
  const cookie = await signIn(auth);
  if (expired) offset = 2 * HOUR_MS;
  const before = mock.stats();
  const latencies: number[] = [];
  let ok = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const start = performance.now();
      const response = await auth.handler(appRequest(PATH, cookie));
      await response.arrayBuffer();
      latencies.push(performance.now() - start);
      if (response.status === 200) ok++;
    }),
  );
  const after = mock.stats();
  return {
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    tokenRequests: after.tokenRequests - before.tokenRequests,
    refreshGrants: after.refreshGrants - before.refreshGrants,
    ok,
  };
}

export async function refreshStorm({ quick, progress }: BenchContext): Promise<BenchResult> {
  const concurrency = 1000;
  const runs = quick ? 1 : 7;
  const failures: string[] = [];
  const mock = await startMock();
  try {
    await storm(mock, 50, true); // warm-up: JIT, sockets
    const gc = collector();
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const expired: Storm[] = [];
    const fresh: Storm[] = [];
    for (let run = 1; run <= runs; run++) {
      expired.push(await storm(mock, concurrency, true));
      fresh.push(await storm(mock, concurrency, false));
      progress(`refresh-storm: run ${run}/${runs}`);
    }
    gc();
    const growth = process.memoryUsage().heapUsed - baseline;
    if (growth >= HEAP_GROWTH_LIMIT)
      failures.push(
        `refresh-storm: the heap is ${num(growth / MB)} MB above its baseline after the storms (limit ${HEAP_GROWTH_LIMIT / MB} MB): something keeps requests alive`,
      );
    for (const [i, s] of expired.entries()) {
      if (s.tokenRequests !== 1)
        failures.push(
          `refresh-storm: run ${i + 1} made ${s.tokenRequests} token requests (expected exactly 1)`,
        );
      if (s.ok !== concurrency)
        failures.push(`refresh-storm: run ${i + 1}: ${concurrency - s.ok} of ${concurrency} requests failed`);
    }
    for (const [i, s] of fresh.entries()) {
      if (s.tokenRequests !== 0 || s.ok !== concurrency)
        failures.push(`refresh-storm: baseline run ${i + 1}: ${s.tokenRequests} token requests, ${s.ok} ok`);
    }
    const row = (name: string, storms: Storm[], base?: Storm[]) => {
      const p50 = spread(storms.map((s) => s.p50));
      const p99 = spread(storms.map((s) => s.p99));
      const ratio = (key: 'p50' | 'p99', s: typeof p50) =>
        base ? times(s.median, spread(base.map((b) => b[key])).median) : '1×';
      return [
        name,
        medianRange(spread(storms.map((s) => s.tokenRequests))),
        `${Math.min(...storms.map((s) => s.ok))}/${concurrency}`,
        medianRange(p50, ' ms'),
        ratio('p50', p50),
        medianRange(p99, ' ms'),
        ratio('p99', p99),
      ];
    };
    return {
      failures,
      tables: [
        {
          title: `3. Refresh storm: ${concurrency} concurrent requests, one session (GET ${PATH})`,
          columns: ['session', 'token requests', '200 OK (worst run)', 'p50', '÷ fresh', 'p99', '÷ fresh'],
          rows: [row('fresh access token (baseline)', fresh), row('expired access token', expired, fresh)],
          notes: [
            `median (min–max) of ${runs} runs; each run is a new server (cold cache and refresher) signed in through the mock; latency from the request's start to its body read, all ${concurrency} started together and proxied to the mock over loopback.`,
            'target: exactly 1 token request per storm (a correctness property: more fails the run).',
            `heap after all storms and a full GC: ${num(growth / MB)} MB above the baseline (must stay under ${HEAP_GROWTH_LIMIT / MB} MB: nothing keeps finished requests alive).`,
          ],
        },
      ],
    };
  } finally {
    await mock.close();
  }
}
