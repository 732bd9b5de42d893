// GET /api/metrics - Prometheus text format; Bearer METRICS_TOKEN when set; no usage rows or rate limit (scrapers poll it)
import * as api from "@/lib/api-contract/instance";
import { withApi } from "@/lib/http/with-api";
import { authorizeScrape, renderMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

export const GET = withApi(api.metrics, (request) => {
  authorizeScrape(request);
  return renderMetrics();
});
