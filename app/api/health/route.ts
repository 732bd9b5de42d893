// GET /api/health - liveness: the process is up and serving (no dependencies checked)
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/health", auth: "public", rateLimit: false, recordUsage: false }, () =>
  jsonResponse({ status: "ok", uptime_s: Math.round(process.uptime()) }),
);
