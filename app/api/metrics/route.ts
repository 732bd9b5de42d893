// GET /api/metrics - Prometheus text format; Bearer METRICS_TOKEN when set; no usage rows or rate limit (scrapers poll it)
import * as api from "@/lib/api-contract/instance";
import { withApi } from "@/lib/http/with-api";
import { readQueueDepths } from "@/lib/jobs/queue-depth";
import { authorizeScrape, renderMetrics } from "@/lib/metrics/scrape";
import { workerPoolStats } from "@/lib/workers/pool-state";

export const dynamic = "force-dynamic";

export const GET = withApi(api.metrics, (request) => {
  authorizeScrape(request);
  return renderMetrics({ readQueueDepths, readWorkerPool: workerPoolStats });
});
