// GET /api/v1/benchmarks - newest figures per model variant, recent runs, and what is still being measured
import { getBenchmarks, parseBenchmarksQuery } from "@/lib/benchmarks/get-benchmarks";
import { getDb } from "@/lib/db/client";
import { jsonResponse, withApi } from "@/lib/http/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/v1/benchmarks", auth: "public" }, async (request) => {
  const { runCount } = parseBenchmarksQuery(new URL(request.url).searchParams);
  return jsonResponse(await getBenchmarks({ db: await getDb(), runCount }));
});
