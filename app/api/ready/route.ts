// GET /api/ready - readiness: database reachable, migrations applied, model store settled
import * as api from "@/lib/api-contract/instance";
import { toSnakeCaseKeys } from "@/lib/http/snake-case";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { checkReadiness } from "@/lib/instance/readiness";

export const dynamic = "force-dynamic";

export const GET = withApi(api.ready, async () => {
  const report = await checkReadiness({ waitForModelsMs: 2_000 });
  return jsonResponse(toSnakeCaseKeys(report), { status: report.ready ? 200 : 503 });
});
