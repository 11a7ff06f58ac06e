import { quantile } from './stats';

/** What one load run measured. */
export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * An in-process closed-loop load generator: `concurrency` workers each send a request as soon as their
 * previous one finished, until `durationMs` is over. `send` resolves true for a good answer (body read).
 */
export async function load(
  durationMs: number,
  concurrency: number,
  send: () => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const ok = await send().catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = performance.now() - start;
  return {
    requests: latencies.length,
    perSecond: (latencies.length * 1000) / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
  };
}
