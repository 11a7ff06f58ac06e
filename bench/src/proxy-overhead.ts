import type { BenchContext, BenchResult } from './benchmark';
import { appRequest, createAuth, signIn, startMock } from './fixture';
import { type LoadResult, load } from './load';
import { medianRange, num, type Spread, spread } from './stats';

const API_PATH = '/streams/mine';
export const CONCURRENCY = 32;

/** The two sides the benchmark (and the profile, `src/profile-proxy.ts`) compare, over one mock. */
export interface ProxySides {
  /** `GET /streams/mine` straight to the mock with the session's bearer token; true for a 200 read whole. */
  direct(): Promise<boolean>;
  /** `GET /auth/api/streams/streams/mine` through `auth.handler` with the session cookie, read whole. */
  proxied(): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts the mock, signs in through a handler and returns both ways of making the same API call. */
export async function proxySides(): Promise<ProxySides> {
  const mock = await startMock();
  try {
    const auth = createAuth(mock.endpoints);
    const cookie = await signIn(auth);
    const { accessToken } = await auth.getAccessToken(appRequest('/', cookie));
    return {
      async direct() {
        const response = await fetch(`${mock.endpoints.streamsApi}${API_PATH}`, {
          headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
        });
        await response.arrayBuffer();
        return response.status === 200;
      },
      async proxied() {
        const response = await auth.handler(
          new Request(`http://127.0.0.1:3000/auth/api/streams${API_PATH}`, {
            headers: { cookie, accept: 'application/json' },
          }),
        );
        await response.arrayBuffer();
        return response.status === 200;
      },
      close: () => mock.close(),
    };
  } catch (error) {
    await mock.close();
    throw error;
  }
}

/**
 * 4. Proxy overhead: `GET /auth/api/streams/streams/mine` through the handler (session read, scope
 * check, bearer attached, response streamed back) vs the same call straight to the mock with the token,
 * both from in-process code, same concurrency, sides alternated.
 */
export async function proxyOverhead({ quick, progress }: BenchContext): Promise<BenchResult> {
  // Short slices, the sides taking turns (direct, proxied, direct, …, direct): each proxied slice is
  // compared with the direct slices on both sides of it, which share the machine's load of the moment.
  const sliceMs = quick ? 200 : 300;
  const slices = quick ? 2 : 16;
  const durationMs = sliceMs * slices;
  const failures: string[] = [];
  const sides = await proxySides();
  const { direct, proxied } = sides;
  try {
    // The same answer both ways, then a warm-up of each side.
    const [a, b] = await Promise.all([direct(), proxied()]);
    if (!a || !b)
      failures.push(`proxy-overhead: direct ${a ? 'ok' : 'failed'}, proxied ${b ? 'ok' : 'failed'}`);
    await load(sliceMs * 2, CONCURRENCY, direct);
    await load(sliceMs * 2, CONCURRENCY, proxied);

    const directRuns: LoadResult[] = [await load(sliceMs, CONCURRENCY, direct)];
    const proxiedRuns: LoadResult[] = [];
    for (let slice = 0; slice < slices; slice++) {
      proxiedRuns.push(await load(sliceMs, CONCURRENCY, proxied));
      directRuns.push(await load(sliceMs, CONCURRENCY, direct));
    }
    progress(`proxy-overhead: ${slices} proxied slices between ${slices + 1} direct ones done`);
    for (const [side, results] of [
      ['direct', directRuns],
      ['proxied', proxiedRuns],
    ] as const) {
      const errors = results.reduce((sum, r) => sum + r.errors, 0);
      if (errors > 0) failures.push(`proxy-overhead: ${errors} failed ${side} requests`);
    }
    const rps = (runs: LoadResult[]) => spread(runs.map((r) => r.perSecond));
    const cpu = (runs: LoadResult[]) => spread(runs.map((r) => r.cpuPerRequest));
    // Paired: each proxied slice against the geometric mean of the direct slices before and after it.
    const around = (i: number, of: (r: LoadResult) => number) =>
      Math.sqrt(of(directRuns[i]!) * of(directRuns[i + 1]!));
    const shares = spread(proxiedRuns.map((r, i) => r.perSecond / around(i, (d) => d.perSecond)));
    const cpuShares = spread(proxiedRuns.map((r, i) => around(i, (d) => d.cpuPerRequest) / r.cpuPerRequest));
    const percent = (s: Spread) =>
      medianRange({ ...s, median: s.median * 100, min: s.min * 100, max: s.max * 100 }, '%');
    const row = (name: string, runs: LoadResult[], relative: string, cpuRelative: string) => [
      name,
      medianRange(rps(runs)),
      relative,
      medianRange(spread(runs.map((r) => r.p50)), ' ms'),
      medianRange(spread(runs.map((r) => r.p99)), ' ms'),
      medianRange(cpu(runs), ' µs'),
      cpuRelative,
      num(runs.reduce((sum, r) => sum + r.requests, 0)),
    ];
    return {
      failures,
      tables: [
        {
          title: `4. Proxy overhead: GET ${API_PATH}, ${CONCURRENCY} concurrent, ${durationMs / 1000} s per side`,
          columns: [
            'path',
            'requests/s',
            '% of direct (paired)',
            'p50',
            'p99',
            'CPU per request',
            'CPU-bound % of direct',
            'requests',
          ],
          rows: [
            row('direct to the mock with the bearer token', directRuns, '100%', '100%'),
            row(
              'through auth.handler (/auth/api/streams…)',
              proxiedRuns,
              percent(shares),
              percent(cpuShares),
            ),
          ],
          notes: [
            `median (min–max) over ${slices} proxied ${sliceMs} ms slices taking turns with ${slices + 1} direct ones; % of direct = each proxied slice ÷ the geometric mean of the direct slices just before and after it, then the median. In-process closed-loop load generator, loopback only, the mock in the same process (its work is the same on both sides).`,
            "CPU per request = process CPU time (all threads, mock included) ÷ requests: robust to other load on the machine; CPU-bound % = the direct slices' CPU per request ÷ the proxied slice's, paired the same way: the throughput share a saturated, otherwise idle process would reach.",
            `target ≥ 90% of direct throughput (issue 17): ${num(shares.median * 100)}% measured, ${num(cpuShares.median * 100)}% CPU-bound ${Math.min(shares.median, cpuShares.median) >= 0.9 ? '(met)' : Math.max(shares.median, cpuShares.median) >= 0.9 ? '(met by one measure)' : '(not met)'}.`,
          ],
        },
      ],
    };
  } finally {
    await sides.close();
  }
}
