/** One-line takeaways of the usage charts, computed from the days they draw (see components/benchmarks/takeaways.ts). */

/** Requests per day: total, days with traffic and the busiest day. */
export function requestsPerDayTakeaway(days: { day: string; requests: number }[]): string | undefined {
  const active = days.filter((d) => d.requests > 0);
  if (active.length === 0) return undefined;
  const busiest = active.reduce((a, b) => (b.requests > a.requests ? b : a));
  const total = active.reduce((sum, d) => sum + d.requests, 0);
  return `${total} requests on ${active.length} day${active.length === 1 ? "" : "s"}; busiest ${busiest.day} with ${busiest.requests}.`;
}

/** Median latency per day: its range over the days with traffic. */
export function latencyPerDayTakeaway(days: { day: string; latency_ms_p50: number | null }[]): string | undefined {
  const measured = days.filter((d): d is { day: string; latency_ms_p50: number } => d.latency_ms_p50 !== null);
  if (measured.length === 0) return undefined;
  const low = measured.reduce((a, b) => (b.latency_ms_p50 < a.latency_ms_p50 ? b : a));
  const high = measured.reduce((a, b) => (b.latency_ms_p50 > a.latency_ms_p50 ? b : a));
  return low === high
    ? `Median ${low.latency_ms_p50} ms on ${low.day}.`
    : `Daily median from ${low.latency_ms_p50} ms (${low.day}) to ${high.latency_ms_p50} ms (${high.day}).`;
}
