import "server-only";
import { getDatabase } from "../db/client";
import { completeJobIfFinished } from "../db/queries/job-items";
import { getJob } from "../db/queries/jobs";
import type { JobRow } from "../db/schema";
import { transactionWithSql } from "../db/transaction-with-sql";
import { announceCompletion } from "./run-batch-item";

/**
 * After a cancel: when no item was running, the batch is finished now (and its webhook sent); otherwise
 * the last running item finishes it. Items already queued in pg-boss find their item cancelled and skip.
 */
export async function finishCancelledBatch(job: JobRow | undefined): Promise<JobRow> {
  if (!job) throw new Error("cancelled batch vanished");
  const handle = await getDatabase();
  await transactionWithSql(handle, async (tx) => {
    const completed = await completeJobIfFinished({ db: tx.db, id: job.id });
    if (completed) await announceCompletion(tx, completed);
  });
  return (await getJob({ db: handle.db, id: job.id })) ?? job;
}
