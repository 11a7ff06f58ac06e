import { quantile } from './stats';

/** What one load run measured. */
export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the whole process (both sides of loopback, all threads) per request, µs. */
  cpuPerRequest: number;
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
  const cpu = process.cpuUsage();
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
  const used = process.cpuUsage(cpu);
  return {
    requests: latencies.length,
    perSecond: (latencies.length * 1000) / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
    cpuPerRequest: (used.user + used.system) / Math.max(1, latencies.length),
  };
}
