// GET /api/v1/benchmarks - newest figures per model variant, recent runs, and what is still being measured
import * as api from "@/lib/api-contract/models";
import { getBenchmarks, parseBenchmarksQuery } from "@/lib/benchmarks/get-benchmarks";
import { toSnakeCaseKeys } from "@/lib/http/snake-case";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi(api.getBenchmarks, async (request, { database }) => {
  // The operation's schema documents `runs`; this also refuses a repeated parameter.
  const { runCount } = parseBenchmarksQuery(new URL(request.url).searchParams);
  // Stored and read by the dashboard in camelCase; the API speaks snake_case.
  return jsonResponse(toSnakeCaseKeys(await getBenchmarks({ db: await database(), runCount })));
});
