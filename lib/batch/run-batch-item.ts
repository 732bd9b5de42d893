import "server-only";
import { ZodError } from "zod";
import { hostname } from "node:os";
import { getDatabase, type DatabaseHandle } from "../db/client";
import { claimItem, completeJobIfFinished, finishItem, itemStatus } from "../db/queries/job-items";
import { markJobRunning } from "../db/queries/jobs";
import type { JobItemRow, JobRow } from "../db/schema";
import { transactionWithSql, type SqlTransaction } from "../db/transaction-with-sql";
import { ApiError, toProblem } from "../errors";
import { observeJobOutcome } from "../metrics/observe";
import { QUEUE } from "../jobs/queues";
import { enqueueWebhook } from "../jobs/webhooks/enqueue-webhook";
import { runBatchTask } from "./batch-tasks";
import { batchStatusPath } from "./batch-view";
import { DomainError } from "../domain-errors";

/**
 * A worker's turn at one batch item: claim it (nothing to do if it is finished or its batch was
 * cancelled), run its analysis, and record the outcome, the job's count and — when it was the last
 * item — the job's completion and its webhook, in one transaction. An analysis that refuses its input
 * (an ApiError: say, an image that cannot be decoded) is the item's answer; any other error is thrown
 * so the queue retries the item, and a process that dies mid-item leaves it to be retried when its
 * queue job expires. Either way the outcome is recorded exactly once.
 */
const WORKER_ID = `${hostname()}:${process.pid}`;

export async function runBatchItem({ itemId }: { itemId: string }): Promise<void> {
  const handle = await getDatabase();
  const item = await claimItem({ db: handle.db, id: itemId, worker: WORKER_ID });
  if (!item) {
    // The queue's job for an item of a cancelled batch ends here: that is its outcome.
    if ((await itemStatus({ db: handle.db, id: itemId })) === "cancelled") observeJobOutcome({ queue: QUEUE.batchItem, outcome: "cancelled" });
    return;
  }
  await markJobRunning({ db: handle.db, id: item.jobId });
  let outcome: { status: "done"; result: unknown } | { status: "failed"; error: unknown };
  try {
    outcome = { status: "done", result: await runBatchTask(item, `batch-item-${item.id}`) };
  } catch (error) {
    if (!(error instanceof ApiError || error instanceof DomainError || error instanceof ZodError)) throw error;
    outcome = { status: "failed", error: toProblem(error).problem };
  }
  await recordOutcome(handle, item.id, outcome);
}

/** The dead-letter side: an item whose retries are exhausted is failed with a generic problem. */
export async function failBatchItem({ itemId }: { itemId: string }): Promise<void> {
  const handle = await getDatabase();
  const problem = toProblem(new Error("unexpected")).problem;
  await recordOutcome(handle, itemId, {
    status: "failed",
    error: { ...problem, detail: "The item could not be processed after 3 attempts; the server logs have the cause." },
  });
}

async function recordOutcome(handle: DatabaseHandle, itemId: string, outcome: Parameters<typeof finishItem>[0]["outcome"]): Promise<void> {
  await transactionWithSql(handle, async (tx) => {
    const finished = await finishItem({ db: tx.db, id: itemId, outcome });
    if (!finished) return;
    observeJobOutcome({ queue: QUEUE.batchItem, outcome: outcome.status });
    if (finished.job.webhookPerItem) await announceItem(tx, finished.job, finished.item);
    const completed = await completeJobIfFinished({ db: tx.db, id: finished.job.id });
    if (completed) await announceCompletion(tx, completed);
  });
}

async function announceItem(tx: SqlTransaction, job: JobRow, item: JobItemRow) {
  if (!job.callbackUrl || !job.ownerId) return;
  await enqueueWebhook(tx, {
    jobId: job.id,
    ownerId: job.ownerId,
    url: job.callbackUrl,
    eventType: "batch.item.completed",
    data: { batch_id: job.id, position: item.position, task: item.task, status: item.status, result: item.result, error: item.error },
  });
}

export async function announceCompletion(tx: SqlTransaction, job: JobRow) {
  if (!job.callbackUrl || !job.ownerId) return;
  await enqueueWebhook(tx, {
    jobId: job.id,
    ownerId: job.ownerId,
    url: job.callbackUrl,
    eventType: `batch.${job.status === "cancelled" ? "cancelled" : "completed"}`,
    data: {
      batch_id: job.id,
      status: job.status,
      total: job.total,
      done: job.done,
      failed: job.failed,
      cancelled: job.cancelled,
      status_path: batchStatusPath(job.id),
    },
  });
}
