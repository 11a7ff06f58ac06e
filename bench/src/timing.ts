/** Microseconds per operation over `count` sequential awaited calls of `op(i)`. */
export async function microsPerOp(count: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await op(i);
  return ((performance.now() - start) * 1000) / count;
}

/** Microseconds per operation over `count` calls of a synchronous `op(i)` (no promise around it). */
export function microsPerOpSync(count: number, op: (i: number) => unknown): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) op(i);
  return ((performance.now() - start) * 1000) / count;
}
