// GET /api/health - liveness: the process is up and serving (no dependencies checked)
import * as api from "@/lib/api-contract/instance";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(api.health, () => jsonResponse({ status: "ok", uptime_s: Math.round(process.uptime()) }));
