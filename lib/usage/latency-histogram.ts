/**
 * A fixed log-spaced latency histogram: bucket i holds latencies in [0.5·1.25^(i-1), 0.5·1.25^i) ms
 * (bucket 0 everything under 0.5 ms, the last everything above ~5 minutes). Hourly roll-ups keep
 * one per group; merged histograms give p50/p95 over any range to within the 25% bucket width,
 * without keeping every request.
 */

export const HISTOGRAM_BUCKETS = 64;
const FIRST_EDGE_MS = 0.5;
const GROWTH = 1.25;

export function emptyHistogram(): number[] {
  return new Array(HISTOGRAM_BUCKETS).fill(0);
}

export function bucketOf(latencyMs: number): number {
  if (!(latencyMs >= FIRST_EDGE_MS)) return 0;
  return Math.min(HISTOGRAM_BUCKETS - 1, 1 + Math.floor(Math.log(latencyMs / FIRST_EDGE_MS) / Math.log(GROWTH)));
}

export function addToHistogram(histogram: number[], latencyMs: number, count = 1): void {
  histogram[bucketOf(latencyMs)] += count;
}

export function mergeHistograms(into: number[], from: readonly number[]): number[] {
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) into[i] += from[i] ?? 0;
  return into;
}

/** The p-th percentile (0..100) as the geometric middle of the bucket it falls in; NaN when empty. */
export function histogramPercentile(histogram: readonly number[], p: number): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return NaN;
  const target = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i];
    if (seen >= target) {
      if (i === 0) return FIRST_EDGE_MS / 2;
      const low = FIRST_EDGE_MS * GROWTH ** (i - 1);
      return low * Math.sqrt(GROWTH);
    }
  }
  return NaN;
}
