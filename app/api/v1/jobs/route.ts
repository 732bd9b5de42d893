// GET /api/v1/jobs - your jobs of every kind (batches, benchmark runs, campaigns), newest first
import * as api from "@/lib/api-contract/jobs";
import { ownerIdOf } from "@/lib/auth/principal";
import { listOwnedJobs } from "@/lib/db/queries/jobs";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { jobListSchema, toJobView } from "@/lib/jobs/job-view";

export const dynamic = "force-dynamic";

export const GET = withApi(api.listJobs, async (_request, { principal, database }) => {
  const jobs = await listOwnedJobs({ db: await database(), ownerId: ownerIdOf(principal) });
  return jsonResponse(jobListSchema.parse({ jobs: jobs.map(toJobView) }));
});
