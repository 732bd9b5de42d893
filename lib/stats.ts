/**
 * Percentiles and timing for every measurement in the project (benchmarks, OCR and language-ID
 * evaluations, safety latency), so a "median" means the same thing in every table.
 */

/** Percentile by linear interpolation between closest ranks (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (values: number[]) => percentile(values, 50);

/** Runs `fn` `warmUp` times unmeasured, then `runs` times, returning each duration in milliseconds. */
export async function timeRuns(fn: () => Promise<unknown> | unknown, { warmUp = 3, runs = 20 } = {}): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await fn();
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startedAt = performance.now();
    await fn();
    durations.push(performance.now() - startedAt);
  }
  return durations;
}
