import { createRequire } from "node:module";
import autocannon from "autocannon";
import { cpuPerRequest, successRate, summarizeLatencies } from "../../lib/benchmarks/load/load-figures";
import type { BatchingSwitch, LoadCell, LoadRoute, RouteProbe } from "../../lib/benchmarks/load/load-run-schema";
import { median, round } from "../../lib/stats";
import { sampleRss, treeCpuSeconds } from "./process-sampler";
import type { RouteRequest } from "./request-bodies";

/**
 * Drives one route at one concurrency with autocannon (closed loop: each connection sends its next
 * request when the previous answer arrives), recording every response's latency and status, and the
 * server tree's CPU time and RSS over the measured run.
 *
 * A cell is a number of requests, not a time: autocannon drops the requests in flight when a timed
 * run ends, which at concurrency 32 on a route of seconds per request would be all of them. The
 * count is sized from the route's single-stream latency so the run lasts about the planned seconds
 * (at least `minPerConnection` requests per connection); the drift run alone is timed.
 */

export const autocannonVersion = (createRequire(import.meta.url)("autocannon/package.json") as { version: string }).version;

/** Long enough that a queued request is answered (or refused by the server) rather than cut off by the client. */
const CLIENT_TIMEOUT_SECONDS = 60;

async function drive(baseUrl: string, request: RouteRequest, concurrency: number, size: { amount: number } | { seconds: number }) {
  const latencies: number[] = [];
  const instance = autocannon({
    url: baseUrl + request.path,
    method: "POST",
    headers: request.headers,
    body: request.body,
    connections: concurrency,
    ...("amount" in size ? { amount: size.amount } : { duration: size.seconds }),
    timeout: CLIENT_TIMEOUT_SECONDS,
  });
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  return { latencies, result };
}

export interface CellRun {
  cell: LoadCell;
  rssSamplesMiB: number[];
}

export async function runCell({
  baseUrl,
  serverPid,
  route,
  batching,
  request,
  concurrency,
  size,
}: {
  baseUrl: string;
  serverPid: number;
  route: LoadRoute;
  batching: BatchingSwitch;
  request: RouteRequest;
  concurrency: number;
  size: { amount: number } | { seconds: number };
}): Promise<CellRun> {
  const cpuBefore = treeCpuSeconds(serverPid);
  const rss = sampleRss(serverPid);
  const startedAt = performance.now();
  const { latencies, result } = await drive(baseUrl, request, concurrency, size);
  const elapsed = (performance.now() - startedAt) / 1000;
  const { samplesMiB, peakMiB } = rss.stop();
  const cpuSeconds = treeCpuSeconds(serverPid) - cpuBefore;
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
  const cell: LoadCell = {
    route,
    batching,
    concurrency,
    durationSeconds: round(elapsed, 2),
    responses: latencies.length,
    throughputRps: successRate(statusCounts, elapsed),
    latencyMs: summarizeLatencies(latencies),
    statusCounts,
    timeouts: result.timeouts,
    connectionErrors: Math.max(0, result.errors - result.timeouts),
    cpuSecondsPerRequest: cpuPerRequest(cpuSeconds, latencies.length),
    peakRssMiB: round(peakMiB, 1),
  };
  return { cell, rssSamplesMiB: samplesMiB };
}

/**
 * The route's warm-up, one request after another for `warmUpSeconds` (at least three): the median
 * latency of all but the first sizes the cells, and the last answer says what the server ran (status, models, stages).
 */
export async function probeRoute(
  baseUrl: string,
  route: LoadRoute,
  batching: BatchingSwitch,
  request: RouteRequest,
  warmUpSeconds: number,
): Promise<{ probe: RouteProbe; medianLatencyMs: number }> {
  const latencies: number[] = [];
  const startedAt = performance.now();
  let response: Response;
  let body: Record<string, unknown>;
  do {
    const sentAt = performance.now();
    response = await fetch(baseUrl + request.path, { method: "POST", headers: request.headers, body: request.body });
    body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    latencies.push(performance.now() - sentAt);
  } while (latencies.length < 3 || performance.now() - startedAt < warmUpSeconds * 1000);
  const models = modelIds(body.models ?? (body.model_name ? [{ id: body.model_name }] : []));
  const timings = (body.timings ?? body.timings_ms ?? {}) as Record<string, unknown>;
  const probe: RouteProbe = {
    route,
    batching,
    status: response.status,
    models,
    timingStages: typeof timings === "object" && timings ? Object.keys(timings) : [],
    problem: response.ok ? null : String(body.detail ?? body.error ?? response.statusText),
  };
  // The first request may load models: the rest say what a warm request costs.
  return { probe, medianLatencyMs: median(latencies.slice(1)) };
}

/** Model ids from a response's `models`: a list of { id } (image-text) or a map of stage → { id } (document). */
export function modelIds(models: unknown): string[] {
  const entries = Array.isArray(models) ? models : models && typeof models === "object" ? Object.values(models) : [];
  return entries.filter((m) => m != null).map((m) => (m && typeof m === "object" && "id" in m ? String((m as { id: unknown }).id) : String(m)));
}
