// POST /api/v1/benchmarks/runs - start a benchmark run in the background (an admin account or a key with `benchmarks:run`); 202 with its id
import { startRunRequestSchema } from "@/lib/benchmarks/result-schema";
import { startBenchmark } from "@/lib/benchmarks/run-benchmark";
import { getDb } from "@/lib/db/client";
import { readJsonBody } from "@/lib/http/read-request-body";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { log } from "@/lib/log";

export const POST = withApi({ route: "POST /api/v1/benchmarks/runs", auth: "user", scope: "benchmarks:run", rateLimit: { cost: 10 } }, async (request) => {
  const parsed = startRunRequestSchema.parse(await readJsonBody(request, 16 * 1024, { emptyIsObject: true }));
  const { runId, done } = await startBenchmark({ db: await getDb(), trigger: "admin", preset: parsed.preset, modelIds: parsed.models });
  done.catch((error) => log.error({ err: error, runId }, "admin benchmark run failed"));
  return jsonResponse({ run_id: runId, status: "running", href: `/api/v1/benchmarks/runs/${runId}` }, { status: 202, headers: { location: `/api/v1/benchmarks/runs/${runId}` } });
});
