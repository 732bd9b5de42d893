import "server-only";
import type { DatabaseHandle } from "../db/client";
import { insertJobItems } from "../db/queries/job-items";
import { insertJob } from "../db/queries/jobs";
import type { JobRow } from "../db/schema";
import { transactionWithSql } from "../db/transaction-with-sql";
import { getJobQueue } from "../jobs/job-queue";
import { QUEUE } from "../jobs/queues";
import type { ValidatedItem } from "./batch-tasks";

/**
 * Stores a batch (the job, its items with their uploads) and queues one job per item, all in one
 * transaction: the batch exists with all its items queued, or not at all.
 */
export async function createBatch({
  handle,
  ownerId,
  items,
  callbackUrl,
  webhookPerItem,
  title,
}: {
  handle: DatabaseHandle;
  ownerId: string;
  items: ValidatedItem[];
  callbackUrl: string | undefined;
  webhookPerItem: boolean;
  title: string;
}): Promise<JobRow> {
  const queue = await getJobQueue();
  return transactionWithSql(handle, async (tx) => {
    const job = await insertJob({
      db: tx.db,
      values: {
        ownerId,
        kind: "batch",
        status: "queued",
        title,
        total: items.length,
        params: { tasks: [...new Set(items.map((i) => i.task))] },
        callbackUrl: callbackUrl ?? null,
        webhookPerItem,
      },
    });
    const stored = await insertJobItems({
      db: tx.db,
      items: items.map((item, position) => ({ jobId: job.id, position, task: item.task, input: item.input, inputBytes: item.bytes ?? null, status: "queued" })),
    });
    // One queue job per item, so every worker on the database can take items of one batch. Smaller
    // batches go first (pg-boss takes higher priorities first), so a few items are not stuck behind
    // someone's thousand.
    const priority = Math.max(0, 100 - items.length);
    await queue.insert(
      stored.map((item) => ({ name: QUEUE.batchItem, data: { itemId: item.id }, singletonKey: item.id, priority })),
      { db: tx },
    );
    return job;
  });
}
