import type { Table } from './table';

/** What every benchmark gets: the mode and a place for progress lines. */
export interface BenchContext {
  /** Short runs for CI: checks that the benchmark still runs, not its numbers. */
  quick: boolean;
  /** Progress on stderr, so stdout holds only the tables. */
  progress(message: string): void;
}

/** What a benchmark reports. A non-empty `failures` makes the run exit non-zero. */
export interface BenchResult {
  tables: Table[];
  /** Broken properties (a size budget exceeded, more than one token request in a storm, wrong answers). */
  failures: string[];
}

export interface Benchmark {
  /** Short id, used to select benchmarks on the command line. */
  name: string;
  run(context: BenchContext): Promise<BenchResult>;
}
