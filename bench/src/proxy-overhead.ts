import type { BenchContext, BenchResult } from './benchmark';
import { appRequest, createAuth, signIn, startMock } from './fixture';
import { type LoadResult, load } from './load';
import { medianRange, num, spread } from './stats';

const API_PATH = '/streams/mine';
const CONCURRENCY = 32;

/**
 * 4. Proxy overhead: `GET /auth/api/streams/streams/mine` through the handler (session read, scope
 * check, bearer attached, response streamed back) vs the same call straight to the mock with the token,
 * both from in-process code, same concurrency, sides alternated.
 */
export async function proxyOverhead({ quick, progress }: BenchContext): Promise<BenchResult> {
  const durationMs = quick ? 500 : 3000;
  const rounds = quick ? 1 : 3;
  const failures: string[] = [];
  const mock = await startMock();
  try {
    const auth = createAuth(mock.endpoints);
    const cookie = await signIn(auth);
    const { accessToken } = await auth.getAccessToken(appRequest('/', cookie));
    const direct = async () => {
      const response = await fetch(`${mock.endpoints.streamsApi}${API_PATH}`, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      });
      await response.arrayBuffer();
      return response.status === 200;
    };
    const proxied = async () => {
      const response = await auth.handler(
        new Request(`http://127.0.0.1:3000/auth/api/streams${API_PATH}`, {
          headers: { cookie, accept: 'application/json' },
        }),
      );
      await response.arrayBuffer();
      return response.status === 200;
    };
    // The same answer both ways, then a warm-up of each side.
    const [a, b] = await Promise.all([direct(), proxied()]);
    if (!a || !b)
      failures.push(`proxy-overhead: direct ${a ? 'ok' : 'failed'}, proxied ${b ? 'ok' : 'failed'}`);
    await load(Math.min(500, durationMs), CONCURRENCY, direct);
    await load(Math.min(500, durationMs), CONCURRENCY, proxied);

    const directRuns: LoadResult[] = [];
    const proxiedRuns: LoadResult[] = [];
    for (let round = 1; round <= rounds; round++) {
      directRuns.push(await load(durationMs, CONCURRENCY, direct));
      proxiedRuns.push(await load(durationMs, CONCURRENCY, proxied));
      progress(`proxy-overhead: round ${round}/${rounds}`);
    }
    for (const [side, results] of [
      ['direct', directRuns],
      ['proxied', proxiedRuns],
    ] as const) {
      const errors = results.reduce((sum, r) => sum + r.errors, 0);
      if (errors > 0) failures.push(`proxy-overhead: ${errors} failed ${side} requests`);
    }
    const rps = (runs: LoadResult[]) => spread(runs.map((r) => r.perSecond));
    const share = rps(proxiedRuns).median / rps(directRuns).median;
    const row = (name: string, runs: LoadResult[], relative: string) => [
      name,
      medianRange(rps(runs)),
      relative,
      medianRange(spread(runs.map((r) => r.p50)), ' ms'),
      medianRange(spread(runs.map((r) => r.p99)), ' ms'),
      num(runs.reduce((sum, r) => sum + r.requests, 0)),
    ];
    return {
      failures,
      tables: [
        {
          title: `4. Proxy overhead: GET ${API_PATH}, ${CONCURRENCY} concurrent, ${durationMs / 1000} s per side`,
          columns: ['path', 'requests/s', '% of direct', 'p50', 'p99', 'requests'],
          rows: [
            row('direct to the mock with the bearer token', directRuns, '100%'),
            row('through auth.handler (/auth/api/streams…)', proxiedRuns, `${num(share * 100)}%`),
          ],
          notes: [
            `median (min–max) of ${rounds} rounds, sides alternated; in-process closed-loop load generator, loopback only, the mock in the same process.`,
            `target ≥ 70% of direct throughput: ${num(share * 100)}% ${share >= 0.7 ? '(met)' : '(NOT met)'}.`,
          ],
        },
      ],
    };
  } finally {
    await mock.close();
  }
}
