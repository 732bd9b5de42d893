// GET /api/v1/batch - the caller's batches, newest first
import * as api from "@/lib/api-contract/jobs";
import { ownerIdOf } from "@/lib/auth/principal";
import { listOwnedJobs } from "@/lib/db/queries/jobs";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { batchListSchema, toBatchSummary } from "@/lib/batch/batch-view";

export const dynamic = "force-dynamic";

export const GET = withApi(api.listBatches, async (_request, { principal, database }) => {
  const jobs = await listOwnedJobs({ db: await database(), ownerId: ownerIdOf(principal), kind: "batch" });
  return jsonResponse(batchListSchema.parse({ batches: jobs.map(toBatchSummary) }));
});
