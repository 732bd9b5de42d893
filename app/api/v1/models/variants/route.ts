// POST /api/v1/models/variants - queue the production of optimised variants from models/recipes (admin); 202 with the jobs
import { z } from "zod";
import { readJsonBody } from "@/lib/http/read-request-body";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { queueVariant } from "@/lib/instance/model-lab";
import { jobListSchema, toJobView } from "@/lib/jobs/job-view";
import { loadRecipes } from "@/lib/optimize/parse-recipe";

const requestSchema = z.strictObject({
  recipes: z.union([z.literal("all"), z.array(z.string().min(1).max(100)).min(1).max(50)]).describe('Recipe ids from models/recipes, or "all"'),
});

export const POST = withApi({ route: "POST /api/v1/models/variants", auth: "user", scope: "admin", rateLimit: { cost: 10 } }, async (request, { principal }) => {
  const { recipes } = requestSchema.parse(await readJsonBody(request, 8 * 1024));
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
