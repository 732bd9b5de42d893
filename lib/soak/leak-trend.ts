/**
 * What counts as a leak in a soak run. The first half of the run is warm-up (model sessions, caches,
 * the database pool fill up); a leak is growth that goes on after it:
 * - RSS: the least-squares slope of RSS over the second half above `rssSlopeLimitBytesPerSecond`
 *   (default 30 MB per minute: allocator noise on a steady server is a few MB either way);
 * - file descriptors: the last sample above the second half's first by more than `fdGrowthLimit`
 *   (sockets, files or pipes opened and never closed).
 */

export interface Sample {
  atMs: number;
  rssBytes: number;
  fds: number;
}

export interface SoakVerdict {
  rssSlopeBytesPerSecond: number;
  rssSlopeLimitBytesPerSecond: number;
  fdGrowth: number;
  fdGrowthLimit: number;
  leaks: string[];
}

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

export function soakVerdict(samples: Sample[], limits = { rssSlopeLimitBytesPerSecond: (30 * 2 ** 20) / 60, fdGrowthLimit: 25 }): SoakVerdict {
  const endMs = samples.at(-1)?.atMs ?? 0;
  const secondHalf = samples.filter((s) => s.atMs >= endMs / 2);
  const rssSlopeBytesPerSecond = slopePerSecond(secondHalf.map((s) => ({ atMs: s.atMs, value: s.rssBytes })));
  const fdGrowth = secondHalf.length ? secondHalf.at(-1)!.fds - secondHalf[0].fds : 0;
  const leaks: string[] = [];
  if (rssSlopeBytesPerSecond > limits.rssSlopeLimitBytesPerSecond)
    leaks.push(`RSS grows ${((rssSlopeBytesPerSecond * 60) / 2 ** 20).toFixed(1)} MB/min after warm-up`);
  if (fdGrowth > limits.fdGrowthLimit) leaks.push(`${fdGrowth} more open file descriptors at the end than at mid-run`);
  return { rssSlopeBytesPerSecond, ...limits, fdGrowth, leaks };
}
