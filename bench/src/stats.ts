/** A figure over repeated runs: machines are noisy, so the median and the spread, never one sample. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The value at quantile `q` (0…1) of `values`, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/** Median and range of per-run values. */
export function spread(values: readonly number[]): Spread {
  return {
    median: quantile(values, 0.5),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
  };
}

/** A number with `digits` significant-ish decimals: 1234 → "1,234", 12.34 → "12.3", 0.123 → "0.123". */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : digits;
  return value.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

/** "median (min–max)" of a spread, formatted with {@link num}. */
export function medianRange(s: Spread, unit = ''): string {
  if (s.runs <= 1) return `${num(s.median)}${unit}`;
  return `${num(s.median)}${unit} (${num(s.min)}–${num(s.max)})`;
}

/** How many times `other` is `ours` (e.g. 12.5 → "12.5×"). */
export function times(other: number, ours: number): string {
  return `${num(other / ours)}×`;
}
