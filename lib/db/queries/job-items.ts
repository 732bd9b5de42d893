import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { jobItems, jobs, type JobItemRow, type JobRow } from "../schema";
import { isUuid } from "./is-uuid";
import { getOwnedJob } from "./jobs";

/**
 * A batch job's items, and the job's state as they finish. Every state change is one conditional
 * UPDATE, so that a retried or duplicate worker can never count an item twice or finish a job twice:
 * the row that changes is the proof.
 */

export async function insertJobItems({
  db,
  items,
}: {
  db: Database;
  items: Omit<typeof jobItems.$inferInsert, "id">[];
}): Promise<{ id: string; position: number }[]> {
  return db.insert(jobItems).values(items).returning({ id: jobItems.id, position: jobItems.position });
}

export type JobItemView = Omit<JobItemRow, "inputBytes"> & { inputBytesLength: number | null };

/** A job's items in order, without their uploads (only the upload's size). */
export async function itemsOfJob({ db, jobId }: { db: Database; jobId: string }): Promise<JobItemView[]> {
  return db
    .select({
      id: jobItems.id,
      jobId: jobItems.jobId,
      position: jobItems.position,
      task: jobItems.task,
      input: jobItems.input,
      status: jobItems.status,
      result: jobItems.result,
      error: jobItems.error,
      attempts: jobItems.attempts,
      worker: jobItems.worker,
      startedAt: jobItems.startedAt,
      finishedAt: jobItems.finishedAt,
      inputBytesLength: sql<number | null>`octet_length(${jobItems.inputBytes})`,
    })
    .from(jobItems)
    .where(eq(jobItems.jobId, jobId))
    .orderBy(asc(jobItems.position));
}

/**
 * Takes an item to work on: queued, or running (its last worker died). Nothing is returned for an
 * item that is finished or cancelled, or whose job was cancelled.
 */
export async function claimItem({ db, id, worker }: { db: Database; id: string; worker: string }): Promise<JobItemRow | undefined> {
  const rows = await db
    .update(jobItems)
    .set({ status: "running", attempts: sql`${jobItems.attempts} + 1`, startedAt: sql`now()`, worker })
    .where(
      and(
        eq(jobItems.id, id),
        inArray(jobItems.status, ["queued", "running"]),
        sql`exists (select 1 from ${jobs} where ${jobs.id} = ${jobItems.jobId} and ${jobs.status} in ('queued', 'running'))`,
      ),
    )
    .returning();
  return rows[0];
}

/** An item's status alone (why a claim found nothing to do: finished already, or cancelled). */
export async function itemStatus({ db, id }: { db: Database; id: string }): Promise<string | undefined> {
  const [row] = await db.select({ status: jobItems.status }).from(jobItems).where(eq(jobItems.id, id));
  return row?.status;
}

/**
 * Records an item's outcome once: only a running item changes, and only then does its job's count
 * move. Returns the job after the count, or undefined when the item had already been finished.
 */
export async function finishItem({
  db,
  id,
  outcome,
}: {
  db: Database;
  id: string;
  outcome: { status: "done"; result: unknown } | { status: "failed"; error: unknown };
}): Promise<{ item: JobItemRow; job: JobRow } | undefined> {
  const [item] = await db
    .update(jobItems)
    .set({
      status: outcome.status,
      result: outcome.status === "done" ? (outcome.result as object) : null,
      error: outcome.status === "failed" ? (outcome.error as object) : null,
      finishedAt: sql`now()`,
    })
    .where(and(eq(jobItems.id, id), inArray(jobItems.status, ["queued", "running"])))
    .returning();
  if (!item) return undefined;
  const [job] = await db
    .update(jobs)
    .set(outcome.status === "done" ? { done: sql`${jobs.done} + 1` } : { failed: sql`${jobs.failed} + 1` })
    .where(eq(jobs.id, item.jobId))
    .returning();
  return { item, job };
}

/**
 * Finishes a job whose items are all accounted for, exactly once (whoever flips `finished_at` gets the
 * row back and sends the completion webhook): done, or failed when every item failed; a cancelled job
 * stays cancelled.
 */
export async function completeJobIfFinished({ db, id }: { db: Database; id: string }): Promise<JobRow | undefined> {
  const rows = await db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.status} = 'cancelled' then 'cancelled' when ${jobs.failed} = ${jobs.total} then 'failed' else 'done' end`,
      finishedAt: sql`now()`,
    })
    .where(and(eq(jobs.id, id), isNull(jobs.finishedAt), sql`${jobs.done} + ${jobs.failed} + ${jobs.cancelled} >= ${jobs.total}`))
    .returning();
  return rows[0];
}

/** Cancels a job: its queued items are cancelled now; items already running finish (their count still moves). */
export async function cancelJob({ db, ownerId, id }: { db: Database; ownerId: string; id: string }): Promise<JobRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [job] = await db
    .update(jobs)
    .set({ status: "cancelled" })
    .where(and(eq(jobs.id, id), eq(jobs.ownerId, ownerId), inArray(jobs.status, ["queued", "running"])))
    .returning();
  if (!job) return getOwnedJob({ db, ownerId, id });
  const cancelled = await db
    .update(jobItems)
    .set({ status: "cancelled", finishedAt: sql`now()` })
    .where(and(eq(jobItems.jobId, id), eq(jobItems.status, "queued")))
    .returning({ id: jobItems.id });
  const [counted] = await db
    .update(jobs)
    .set({ cancelled: sql`${jobs.cancelled} + ${cancelled.length}` })
    .where(eq(jobs.id, id))
    .returning();
  return counted;
}
