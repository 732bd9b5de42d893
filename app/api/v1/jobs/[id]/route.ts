// GET /api/v1/jobs/{id} - one job's status and progress: your own jobs, and the instance's own (start-up benchmarks, variants)
import * as api from "@/lib/api-contract/jobs";
import { getJob } from "@/lib/db/queries/jobs";
import { jsonResponse, notFound, withApi } from "@/lib/http/with-api";
import { mayReadJobKind } from "@/lib/jobs/job-scopes";
import { jobViewSchema, toJobView } from "@/lib/jobs/job-view";

export const dynamic = "force-dynamic";

export const GET = withApi(api.getJob, async (_request, { params, principal, database }) => {
  const { id } = params;
  const job = await getJob({ db: await database(), id });
  // Instance jobs are public like the dashboard they feed; a user's job is theirs alone, and only with the
  // scope of its kind (a safety-only key does not read the account's batches).
  const visible =
    job && (job.ownerId === null || (principal.kind !== "anonymous" && principal.user.id === job.ownerId && mayReadJobKind(principal.scopes, job.kind)));
  if (!job || !visible) notFound(`No job with id "${id.slice(0, 64)}" that you can see.`);
  return jsonResponse(jobViewSchema.parse(toJobView(job)));
});
