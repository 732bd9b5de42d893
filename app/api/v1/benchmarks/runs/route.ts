// POST /api/v1/benchmarks/runs - start a benchmark run in the background (admin); 202 with its id
import { startRunRequestSchema } from "@/lib/benchmarks/result-schema";
import { startBenchmark } from "@/lib/benchmarks/run-benchmark";
import { getDb } from "@/lib/db/client";
import { readLimitedBody } from "@/lib/http/read-request-body";
import { ApiError } from "@/lib/errors";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { requireAdmin } from "@/lib/http/require-admin";
import { log } from "@/lib/log";

export const POST = withApi("POST /api/v1/benchmarks/runs", async (request) => {
  requireAdmin(request);
  const raw = (await readLimitedBody(request, 16 * 1024)).toString("utf8").trim();
  let body: unknown = {};
  if (raw) {
    try {
      body = JSON.parse(raw);
    } catch {
      throw new ApiError("bad_request", "The request body is not valid JSON.");
    }
  }
  const parsed = startRunRequestSchema.parse(body);
  const { runId, done } = await startBenchmark({ db: await getDb(), trigger: "admin", preset: parsed.preset, modelIds: parsed.models });
  done.catch((error) => log.error({ err: error, runId }, "admin benchmark run failed"));
  return jsonResponse({ run_id: runId, status: "running", href: `/api/v1/benchmarks/runs/${runId}` }, { status: 202, headers: { location: `/api/v1/benchmarks/runs/${runId}` } });
});
