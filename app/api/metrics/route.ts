// GET /api/metrics - Prometheus text format; Bearer METRICS_TOKEN when set; no usage rows or rate limit (scrapers poll it)
import { withApi } from "@/lib/http/with-api";
import { authorizeScrape, renderMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/metrics", auth: "public", rateLimit: false, recordUsage: false }, (request) => {
  authorizeScrape(request);
  return renderMetrics();
});
