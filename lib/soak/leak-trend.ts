/**
 * What counts as a leak in a soak run. The first half of the run is warm-up (model sessions, caches, ONNX Runtime arenas,
 * worker threads, the database pool fill up); a leak is growth that goes on after it:
 * - RSS: the least-squares slope of RSS over the second half above `rssSlopeLimitBytesPerSecond`
 *   (default 30 MB per minute: allocator noise on a steady server is a few MB either way);
 * - JavaScript heap after a forced full GC (when the server reports it): its second-half slope above
 *   `heapSlopeLimitBytesPerSecond` (default 5 MB per minute). Garbage not collected yet is not counted
 *   (the soak's server collects before it reports), so this is objects still reachable;
 * - file descriptors: the last sample above the second half's first by more than `fdGrowthLimit`
 *   (sockets, files or pipes opened and never closed).
 */

export interface Sample {
  atMs: number;
  rssBytes: number;
  fds: number;
  /** The server's V8 heap in use right after a full collection; absent when it does not report it. */
  heapUsedBytes?: number;
}

export interface LeakLimits {
  rssSlopeLimitBytesPerSecond: number;
  heapSlopeLimitBytesPerSecond: number;
  fdGrowthLimit: number;
}

export interface SoakVerdict extends LeakLimits {
  rssSlopeBytesPerSecond: number;
  /** Undefined when no sample of the second half carries a heap figure. */
  heapSlopeBytesPerSecond?: number;
  fdGrowth: number;
  leaks: string[];
}

const MB_PER_MINUTE = 2 ** 20 / 60;

export const DEFAULT_LEAK_LIMITS: LeakLimits = {
  rssSlopeLimitBytesPerSecond: 30 * MB_PER_MINUTE,
  heapSlopeLimitBytesPerSecond: 5 * MB_PER_MINUTE,
  fdGrowthLimit: 25,
};

/** Least-squares slope of y over x (per second), 0 for fewer than two points. */
export function slopePerSecond(points: { atMs: number; value: number }[]): number {
  if (points.length < 2) return 0;
  const xs = points.map((p) => p.atMs / 1000);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = points.reduce((a, p) => a + p.value, 0) / points.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < points.length; i++) {
    numerator += (xs[i] - meanX) * (points[i].value - meanY);
    denominator += (xs[i] - meanX) ** 2;
  }
  return denominator === 0 ? 0 : numerator / denominator;
}

/** "12.3 MB/min" from bytes per second. */
export const mbPerMinute = (bytesPerSecond: number) => `${(bytesPerSecond / MB_PER_MINUTE).toFixed(1)} MB/min`;

export function soakVerdict(samples: Sample[], limits: LeakLimits = DEFAULT_LEAK_LIMITS): SoakVerdict {
  const endMs = samples.at(-1)?.atMs ?? 0;
  const secondHalf = samples.filter((s) => s.atMs >= endMs / 2);
  const rssSlopeBytesPerSecond = slopePerSecond(secondHalf.map((s) => ({ atMs: s.atMs, value: s.rssBytes })));
  const heapPoints = secondHalf.flatMap((s) => (s.heapUsedBytes === undefined ? [] : [{ atMs: s.atMs, value: s.heapUsedBytes }]));
  const heapSlopeBytesPerSecond = heapPoints.length >= 2 ? slopePerSecond(heapPoints) : undefined;
  const fdGrowth = secondHalf.length ? secondHalf.at(-1)!.fds - secondHalf[0].fds : 0;
  const leaks: string[] = [];
  if (rssSlopeBytesPerSecond > limits.rssSlopeLimitBytesPerSecond) leaks.push(`RSS grows ${mbPerMinute(rssSlopeBytesPerSecond)} after warm-up`);
  if (heapSlopeBytesPerSecond !== undefined && heapSlopeBytesPerSecond > limits.heapSlopeLimitBytesPerSecond)
    leaks.push(`the heap still in use after a full GC grows ${mbPerMinute(heapSlopeBytesPerSecond)} after warm-up`);
  if (fdGrowth > limits.fdGrowthLimit) leaks.push(`${fdGrowth} more open file descriptors at the end than at mid-run`);
  return { rssSlopeBytesPerSecond, heapSlopeBytesPerSecond, ...limits, fdGrowth, leaks };
}
