import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "../env";
import { ApiError } from "../errors";
import { getMetrics, type MetricReaders, provideMetricReaders } from "./observe";

/**
 * GET /api/metrics: the registry in Prometheus text format. With METRICS_TOKEN set, the scraper must
 * send `Authorization: Bearer <token>`; compared in constant time (both sides hashed first, so
 * neither the content nor the length of the token leaks through timing).
 */

const digest = (text: string) => createHash("sha256").update(text).digest();

export function authorizeScrape(request: Request, token = getEnv().METRICS_TOKEN): void {
  if (!token) return;
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match || !timingSafeEqual(digest(match[1]), digest(token))) {
    throw new ApiError("unauthorized", "The metrics need `Authorization: Bearer <METRICS_TOKEN>`.", {
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
}

/** Renders the registry; `readers` feed the gauges read at scrape time (queue depths, worker pool). */
export async function renderMetrics(readers: MetricReaders): Promise<Response> {
  provideMetricReaders(readers);
  const { registry } = getMetrics();
  const text = await registry.metrics();
  return new Response(text, { status: 200, headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
