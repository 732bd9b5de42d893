// GET /api/ready - readiness: database reachable, migrations applied, model store settled (status only, details for operators)
import * as api from "@/lib/api-contract/instance";
import { toSnakeCaseKeys } from "@/lib/http/snake-case";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { checkReadiness } from "@/lib/instance/readiness";
import { mayReadReadinessDetails, readinessBody } from "@/lib/instance/readiness-view";

export const dynamic = "force-dynamic";

export const GET = withApi(api.ready, async (request) => {
  const [report, details] = await Promise.all([checkReadiness({ waitForModelsMs: 2_000 }), mayReadReadinessDetails(request)]);
  return jsonResponse(toSnakeCaseKeys(readinessBody(report, details)), { status: report.ready ? 200 : 503 });
});
