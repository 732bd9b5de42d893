/**
 * Percentiles and rounding for every measurement and heuristic in the project (benchmarks, OCR and
 * language-ID evaluations, safety latency, OCR layout), so a "median" or a "p95" means the same thing
 * in every table. Timing loops are in lib/timing.ts.
 */

/**
 * How a percentile falls between two observations, as numpy names them, over the closest ranks
 * (rank = p/100 × (n − 1) in the sorted values):
 * - "linear": interpolates between the two neighbours; the figure for latency tables.
 * - "higher": the upper neighbour, always an observed value; for thresholds taken from data (an OCR
 *   line height, a contrast level), where a value between two lines would be no line's.
 */
export type PercentileMethod = "linear" | "higher";

/** The p-th percentile (p in 0..100) of the values (any order); NaN when there are none. */
export function percentile(values: readonly number[], p: number, method: PercentileMethod = "linear"): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  if (method === "higher") return sorted[high];
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** The 50th percentile: the mean of the middle two of an even count ("linear"), or the upper one ("higher"). */
export const median = (values: readonly number[], method: PercentileMethod = "linear") => percentile(values, 50, method);

/** Rounds to `digits` decimal places (half away from zero for positives, as Math.round); NaN and ±Infinity pass through. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
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
