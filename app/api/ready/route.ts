// GET /api/ready - readiness: database reachable, migrations applied, model store settled
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { checkReadiness } from "@/lib/instance/readiness";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/ready", auth: "public", rateLimit: false, recordUsage: false }, async () => {
  const report = await checkReadiness({ waitForModelsMs: 2_000 });
  return jsonResponse(report, { status: report.ready ? 200 : 503 });
});
