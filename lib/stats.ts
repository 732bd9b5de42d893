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

/** Wilson score interval for a proportion (successes of n), 95% by default; [0, 1] when n is 0. */
export function wilsonInterval(successes: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
