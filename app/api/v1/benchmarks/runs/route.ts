// POST /api/v1/benchmarks/runs - queue a benchmark run (an admin account or a key with `benchmarks:run`); 202 with its job
import { startRunRequestSchema } from "@/lib/benchmarks/result-schema";
import { queueBenchmarkRun } from "@/lib/benchmarks/benchmark-job";
import { callerOf } from "@/lib/auth/principal";
import { readJsonBody } from "@/lib/http/read-request-body";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { jobViewSchema, toJobView } from "@/lib/jobs/job-view";

export const POST = withApi({ route: "POST /api/v1/benchmarks/runs", auth: "user", scope: "benchmarks:run", rateLimit: { cost: 10 } }, async (request, { principal }) => {
  const parsed = startRunRequestSchema.parse(await readJsonBody(request, 16 * 1024, { emptyIsObject: true }));
  const job = await queueBenchmarkRun({ ownerId: callerOf(principal).id, params: { trigger: "admin", preset: parsed.preset ?? "full", models: parsed.models } });
  const view = jobViewSchema.parse(toJobView(job));
  return jsonResponse(view, { status: 202, headers: { location: view.status_url } });
});
