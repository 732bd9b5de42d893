// POST /api/v1/batch/process - queue many analyses at once (JSON items or multipart files); 202 with the batch id and its status URL
import * as api from "@/lib/api-contract/jobs";
import { callerOf } from "@/lib/auth/principal";
import { getDatabase } from "@/lib/db/client";
import { jsonResponse, withApi } from "@/lib/http/with-api";
import { batchSummarySchema, toBatchSummary } from "@/lib/batch/batch-view";
import { createBatch } from "@/lib/batch/create-batch";
import { parseBatchRequest } from "@/lib/batch/parse-batch-request";

export const POST = withApi(api.submitBatch, async (_request, context) => {
  const batch = await parseBatchRequest(context.input.upload!);
  // The call itself counted one unit; a batch of n items counts n.
  await context.chargeRateLimit(batch.items.length - 1);
  const job = await createBatch({ handle: await getDatabase(), ownerId: callerOf(context.principal).id, ...batch });
  const summary = batchSummarySchema.parse(toBatchSummary(job));
  return jsonResponse(summary, { status: 202, headers: { location: summary.status_url } });
});
