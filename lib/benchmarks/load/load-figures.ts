import { median, percentile, round } from "../../stats";
import type { BatchingSwitch, LatencySummary, LoadCell, LoadRoute, MachineLimit } from "./load-run-schema";

/**
 * The figures derived from the load benchmark's raw observations, kept free of I/O so each is tested
 * on its own: latency percentiles, CPU per request, the machine limit, ratios, RSS drift and what
 * overload answered.
 */

/** p50/p95/p99/max of the latencies (ms, 1 decimal); nulls when nothing was received. */
export function summarizeLatencies(latenciesMs: readonly number[]): LatencySummary {
  if (latenciesMs.length === 0) return { p50: null, p95: null, p99: null, max: null };
  const at = (p: number) => round(percentile(latenciesMs, p), 1);
  return { p50: at(50), p95: at(95), p99: at(99), max: round(Math.max(...latenciesMs), 1) };
}

/** CPU seconds per response over a run; null when nothing was answered. */
export function cpuPerRequest(cpuSeconds: number, responses: number): number | null {
  return responses > 0 ? round(cpuSeconds / responses, 4) : null;
}

/**
 * The machine limit: how many requests per second the cores could serve if every core did nothing but
 * this route's work at the CPU cost one request has when alone (concurrency 1).
 */
export function machineLimitRps(cores: number, singleStreamCpuSecondsPerRequest: number | null): number | null {
  if (!singleStreamCpuSecondsPerRequest || singleStreamCpuSecondsPerRequest <= 0) return null;
  return round(cores / singleStreamCpuSecondsPerRequest, 2);
}

/** A ratio of two throughputs, null when either is missing or the denominator is zero. */
export function throughputRatio(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  if (numerator == null || denominator == null || denominator === 0) return null;
  return round(numerator / denominator, 2);
}

export function findCell(cells: readonly LoadCell[], route: LoadRoute, batching: BatchingSwitch, concurrency: number): LoadCell | undefined {
  return cells.find((c) => c.route === route && c.batching === batching && c.concurrency === concurrency);
}

/** Machine limit per route and batching switch, from its concurrency-1 cell, and the share reached at the highest concurrency. */
export function machineLimits(cells: readonly LoadCell[], cores: number): MachineLimit[] {
  const keys = [...new Set(cells.map((c) => `${c.route}|${c.batching}`))];
  return keys.map((key) => {
    const [route, batching] = key.split("|") as [LoadRoute, BatchingSwitch];
    const own = cells.filter((c) => c.route === route && c.batching === batching);
    const single = own.find((c) => c.concurrency === 1);
    const highest = own.reduce((a, b) => (b.concurrency > a.concurrency ? b : a));
    const limitRps = machineLimitRps(cores, single?.cpuSecondsPerRequest ?? null);
    return {
      route,
      batching,
      singleStreamCpuSecondsPerRequest: single?.cpuSecondsPerRequest ?? null,
      limitRps,
      highestConcurrency: highest.concurrency,
      shareOfLimit: throughputRatio(highest.throughputRps, limitRps),
    };
  });
}

/**
 * RSS drift over a run: median of the samples in the first and in the last tenth (at least one
 * sample each), and the relative change. Null figures with fewer than two samples.
 */
export function rssDrift(samplesMiB: readonly number[]): { startMiB: number | null; endMiB: number | null; driftShare: number | null } {
  if (samplesMiB.length < 2) return { startMiB: null, endMiB: null, driftShare: null };
  const tenth = Math.max(1, Math.floor(samplesMiB.length / 10));
  const startMiB = round(median(samplesMiB.slice(0, tenth)), 1);
  const endMiB = round(median(samplesMiB.slice(-tenth)), 1);
  return { startMiB, endMiB, driftShare: startMiB > 0 ? round((endMiB - startMiB) / startMiB, 3) : null };
}

const ALLOWED_UNDER_OVERLOAD = new Set(["429", "503"]);

/** Everything an overloaded server answered that the issue does not allow: statuses other than 2xx/429/503, timeouts, transport errors. */
export function disallowedUnderOverload(cell: Pick<LoadCell, "statusCounts" | "timeouts" | "connectionErrors">): Record<string, number> {
  const disallowed: Record<string, number> = {};
  for (const [status, count] of Object.entries(cell.statusCounts)) {
    if (!status.startsWith("2") && !ALLOWED_UNDER_OVERLOAD.has(status) && count > 0) disallowed[status] = count;
  }
  if (cell.timeouts > 0) disallowed.timeout = cell.timeouts;
  if (cell.connectionErrors > 0) disallowed.connection_error = cell.connectionErrors;
  return disallowed;
}

/** Responses per second that were 2xx. */
export function successRate(statusCounts: Record<string, number>, seconds: number): number {
  const ok = Object.entries(statusCounts)
    .filter(([status]) => status.startsWith("2"))
    .reduce((sum, [, count]) => sum + count, 0);
  return seconds > 0 ? round(ok / seconds, 2) : 0;
}

/**
 * How many requests a cell sends: about `seconds` of work if the route scaled to min(concurrency,
 * cores), at least `minPerConnection` per connection and never fewer than three (one is no percentile).
 */
export function requestsForCell({
  seconds,
  singleLatencyMs,
  concurrency,
  cores,
  minPerConnection,
}: {
  seconds: number;
  singleLatencyMs: number;
  concurrency: number;
  cores: number;
  minPerConnection: number;
}): number {
  const estimated = Math.ceil(((seconds * 1000) / Math.max(1, singleLatencyMs)) * Math.min(concurrency, cores));
  return Math.max(minPerConnection * concurrency, 3, estimated);
}
