// GET /api/v1/jobs - your jobs of the kinds your scopes reach (batches, benchmark runs, campaigns), newest first
import * as api from "@/lib/api-contract/jobs";
import { ownerIdOf } from "@/lib/auth/principal";
import { listOwnedJobs } from "@/lib/db/queries/jobs";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { jobKindsFor } from "@/lib/jobs/job-scopes";
import { jobListSchema, toJobView } from "@/lib/jobs/job-view";

export const dynamic = "force-dynamic";

export const GET = withApi(api.listJobs, async (_request, { principal, database }) => {
  // Only the kinds the caller's scopes reach: a safety-only key does not list the account's batches.
  const jobs = await listOwnedJobs({ db: await database(), ownerId: ownerIdOf(principal), kinds: jobKindsFor(principal.scopes) });
  return jsonResponse(jobListSchema.parse({ jobs: jobs.map(toJobView) }));
});
