import "server-only";
import { createServer, type Server } from "node:http";
import { getEnv } from "../env";
import { log } from "../log";
import { getMetrics } from "./observe";

/**
 * METRICS_PORT: the metrics on a listener of their own (`GET /metrics`, no token), bound to METRICS_HOST
 * (loopback by default), so Prometheus scrapes them on a port the public never reaches while the app's
 * own port refuses them (lib/metrics/scrape.ts). Anything else there is a 404; it never serves the app.
 */

const globalForListener = globalThis as unknown as { insightMetricsListener?: Server };

export function startMetricsListener(): Server | undefined {
  const { METRICS_PORT: port, METRICS_HOST: host } = getEnv();
  if (!port || globalForListener.insightMetricsListener) return globalForListener.insightMetricsListener;
  const server = createServer(async (request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" || path !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Only GET /metrics is served here.\n");
      return;
    }
    try {
      const { registry } = getMetrics();
      const text = await registry.metrics();
      response.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" }).end(text);
    } catch (error) {
      log.error({ err: error }, "metrics listener could not render the registry");
      response.writeHead(500, { "content-type": "text/plain" }).end("The metrics could not be rendered.\n");
    }
  });
  server.on("error", (error) => log.error({ err: error, host, port }, "metrics listener failed"));
  // Never keeps the process alive on its own: shutdown is decided by the app's listener.
  server.listen(port, host, () => log.info({ host, port }, "metrics listener on GET /metrics")).unref();
  globalForListener.insightMetricsListener = server;
  return server;
}
