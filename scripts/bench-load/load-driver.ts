import { createRequire } from "node:module";
import autocannon from "autocannon";
import { cpuPerRequest, successRate, summarizeLatencies } from "../../lib/benchmarks/load/load-figures";
import type { BatchingSwitch, LoadCell, LoadRoute, RouteProbe } from "../../lib/benchmarks/load/load-run-schema";
import { round } from "../../lib/stats";
import { sampleRss, treeCpuSeconds } from "./process-sampler";
import type { RouteRequest } from "./request-bodies";

/**
 * Drives one route at one concurrency with autocannon (closed loop: each connection sends its next
 * request when the previous answer arrives), recording every response's latency and status, and the
 * server tree's CPU time and RSS over the measured run. A short warm-up at the same concurrency goes first.
 */

export const autocannonVersion = (createRequire(import.meta.url)("autocannon/package.json") as { version: string }).version;

/** Long enough that a queued request is answered (or refused by the server) rather than cut off by the client. */
const CLIENT_TIMEOUT_SECONDS = 60;

async function drive(baseUrl: string, request: RouteRequest, concurrency: number, seconds: number) {
  const latencies: number[] = [];
  const instance = autocannon({
    url: baseUrl + request.path,
    method: "POST",
    headers: request.headers,
    body: request.body,
    connections: concurrency,
    duration: seconds,
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
  seconds,
  warmUpSeconds,
}: {
  baseUrl: string;
  serverPid: number;
  route: LoadRoute;
  batching: BatchingSwitch;
  request: RouteRequest;
  concurrency: number;
  seconds: number;
  warmUpSeconds: number;
}): Promise<CellRun> {
  if (warmUpSeconds > 0) await drive(baseUrl, request, concurrency, warmUpSeconds);
  const cpuBefore = treeCpuSeconds(serverPid);
  const rss = sampleRss(serverPid);
  const startedAt = performance.now();
  const { latencies, result } = await drive(baseUrl, request, concurrency, seconds);
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

/** One untimed request: what the server answered and which models and stages it reports having run. */
export async function probeRoute(baseUrl: string, route: LoadRoute, batching: BatchingSwitch, request: RouteRequest): Promise<RouteProbe> {
  const response = await fetch(baseUrl + request.path, { method: "POST", headers: request.headers, body: request.body });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const models = modelIds(body.models ?? (body.model_name ? [{ id: body.model_name }] : []));
  const timings = (body.timings ?? body.timings_ms ?? {}) as Record<string, unknown>;
  return {
    route,
    batching,
    status: response.status,
    models,
    timingStages: typeof timings === "object" && timings ? Object.keys(timings) : [],
    problem: response.ok ? null : String(body.detail ?? body.error ?? response.statusText),
  };
}

/** Model ids from a response's `models`: a list of { id } (image-text) or a map of stage → { id } (document). */
export function modelIds(models: unknown): string[] {
  const entries = Array.isArray(models) ? models : models && typeof models === "object" ? Object.values(models) : [];
  return entries.filter((m) => m != null).map((m) => (m && typeof m === "object" && "id" in m ? String((m as { id: unknown }).id) : String(m)));
}
