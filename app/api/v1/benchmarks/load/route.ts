// GET /api/v1/benchmarks/load - the newest HTTP load benchmark run (npm run bench:load)
import * as api from "@/lib/api-contract/models";
import { getLatestLoadRun } from "@/lib/benchmarks/load/load-runs";
import { toSnakeCaseKeys } from "@/lib/http/snake-case";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(api.getLoadBenchmarks, async (_request, { database }) => {
  // Stored and read by the dashboard in camelCase; the API speaks snake_case.
  return jsonResponse(toSnakeCaseKeys({ latest: await getLatestLoadRun({ db: await database() }) }));
});
