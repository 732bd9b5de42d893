// GET /api/v1/batch/{id} - status, progress, per-item results and webhook deliveries; DELETE - cancel the items not started
import * as api from "@/lib/api-contract/jobs";
import { ownerIdOf } from "@/lib/auth/principal";
import { getOwnedJob } from "@/lib/db/queries/jobs";
import { cancelJob, itemsOfJob } from "@/lib/db/queries/job-items";
import { deliveriesOfJob } from "@/lib/db/queries/webhooks";
import { jsonResponse, notFound, withApi } from "@/lib/http/with-api";
import { batchViewSchema, toBatchView } from "@/lib/batch/batch-view";
import { finishCancelledBatch } from "@/lib/batch/cancel-batch";

export const dynamic = "force-dynamic";

function missing(id: string): never {
  notFound(`You have no batch with id "${id.slice(0, 64)}".`);
}

export const GET = withApi(api.getBatch, async (_request, { params, principal, database }) => {
  const db = await database();
  const { id } = params;
  const job = await getOwnedJob({ db, ownerId: ownerIdOf(principal), id, kind: "batch" });
  if (!job) missing(id);
  const [items, deliveries] = await Promise.all([itemsOfJob({ db, jobId: job.id }), deliveriesOfJob({ db, jobId: job.id })]);
  return jsonResponse(batchViewSchema.parse(toBatchView(job, items, deliveries)));
});

export const DELETE = withApi(api.cancelBatch, async (_request, { params, principal, database }) => {
  const db = await database();
  const { id } = params;
  const ownerId = ownerIdOf(principal);
  if (!(await getOwnedJob({ db, ownerId, id, kind: "batch" }))) missing(id);
  const job = await finishCancelledBatch(await cancelJob({ db, ownerId, id }));
  const [items, deliveries] = await Promise.all([itemsOfJob({ db, jobId: job.id }), deliveriesOfJob({ db, jobId: job.id })]);
  return jsonResponse(batchViewSchema.parse(toBatchView(job, items, deliveries)));
});
