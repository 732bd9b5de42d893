// POST /api/v1/models/variants - queue the production of optimised variants from models/recipes (admin); 202 with the jobs
import * as api from "@/lib/api-contract/models";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { queueVariant } from "@/lib/instance/model-lab";
import { jobListSchema, toJobView } from "@/lib/jobs/job-view";
import { loadRecipes } from "@/lib/models/parse-recipe";

export const POST = withApi(api.queueVariants, async (_request, { principal, input }) => {
  const { recipes } = input.body;
  const ids = recipes === "all" ? loadRecipes().map((r) => r.id) : recipes;
  const ownerId = principal.kind === "anonymous" ? null : principal.user.id;
  const queued = [];
  // Each is queued unless it is served already or already queued; an unknown id is a 404 before anything is queued.
  for (const id of ids) if (!loadRecipes().some((r) => r.id === id)) await queueVariant(id);
  for (const id of ids) {
    const job = await queueVariant(id, { ownerId });
    if (job) queued.push(toJobView(job));
  }
  return jsonResponse(jobListSchema.parse({ jobs: queued }), { status: 202 });
});
