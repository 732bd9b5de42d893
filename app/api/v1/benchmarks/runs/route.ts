// POST /api/v1/benchmarks/runs - queue a benchmark run (an admin account or a key with `benchmarks:run`); 202 with its job
import * as api from "@/lib/api-contract/models";
import { callerOf } from "@/lib/auth/principal";
import { queueBenchmarkRun } from "@/lib/benchmarks/benchmark-job";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { jobViewSchema, toJobView } from "@/lib/jobs/job-view";

export const POST = withApi(api.startBenchmarkRun, async (_request, { principal, input }) => {
  const job = await queueBenchmarkRun({
    ownerId: callerOf(principal).id,
    params: { trigger: "admin", preset: input.body.preset ?? "full", models: input.body.models },
  });
  const view = jobViewSchema.parse(toJobView(job));
  return jsonResponse(view, { status: 202, headers: { location: view.status_url } });
});
