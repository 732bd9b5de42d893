// GET /api/health - liveness: the process is up and serving (no dependencies checked)
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi("GET /api/health", () =>
  jsonResponse({ status: "ok", uptime_s: Math.round(process.uptime()) }),
);
