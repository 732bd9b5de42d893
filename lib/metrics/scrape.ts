import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { type Env, getEnv } from "../env";
import { ApiError } from "../errors";
import { getMetrics, type MetricReaders, provideMetricReaders } from "./observe";

/**
 * GET /api/metrics on the app's public port: the registry in Prometheus text format, for the operator only.
 * By default it is not served there at all (route counts, memory and queue depths tell an attacker what
 * hurts): with METRICS_TOKEN set, the scraper sends `Authorization: Bearer <token>`; METRICS_PUBLIC=true
 * opens it (a private network); METRICS_PORT serves it on a listener of its own (lib/metrics/metrics-listener.ts).
 * The token is compared in constant time (both sides hashed first, so neither its content nor its length leaks).
 */

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether the request carries the operator's monitoring token (METRICS_TOKEN). */
export function hasMonitoringToken(request: Request, token = getEnv().METRICS_TOKEN): boolean {
  if (!token) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return Boolean(match) && timingSafeEqual(digest(match![1]), digest(token));
}

export function authorizeScrape(request: Request, env: Pick<Env, "METRICS_TOKEN" | "METRICS_PUBLIC"> = getEnv()): void {
  if (env.METRICS_TOKEN) {
    if (hasMonitoringToken(request, env.METRICS_TOKEN)) return;
    throw new ApiError("unauthorized", "The metrics need `Authorization: Bearer <METRICS_TOKEN>`.", {
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  if (env.METRICS_PUBLIC) return;
  throw new ApiError(
    "forbidden",
    "The metrics are not served on the public port. Operators: set METRICS_TOKEN (and scrape with it), METRICS_PORT (a private listener), or METRICS_PUBLIC=true.",
  );
}

/** Renders the registry; `readers` feed the gauges read at scrape time (queue depths, worker pool). */
export async function renderMetrics(readers: MetricReaders): Promise<Response> {
  provideMetricReaders(readers);
  const { registry } = getMetrics();
  const text = await registry.metrics();
  return new Response(text, { status: 200, headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
