import "server-only";
import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { jobItems, jobs, type JobItemRow, type JobRow } from "../schema";
import { isUuid } from "./is-uuid";

/**
 * Jobs and their items. Every state change is one conditional UPDATE, so that a retried or duplicate
 * worker can never count an item twice or finish a job twice: the row that changes is the proof.
 */

export async function insertJob({ db, values }: { db: Database; values: Omit<typeof jobs.$inferInsert, "id" | "createdAt"> }): Promise<JobRow> {
  const rows = await db.insert(jobs).values(values).returning();
  return rows[0];
}

export async function insertJobItems({
  db,
  items,
}: {
  db: Database;
  items: Omit<typeof jobItems.$inferInsert, "id">[];
}): Promise<{ id: string; position: number }[]> {
  return db.insert(jobItems).values(items).returning({ id: jobItems.id, position: jobItems.position });
}

export async function getOwnedJob({ db, ownerId, id, kind }: { db: Database; ownerId: string; id: string; kind?: string }): Promise<JobRow | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.ownerId, ownerId), kind ? eq(jobs.kind, kind) : undefined))
    .limit(1);
  return rows[0];
}

export async function getJob({ db, id }: { db: Database; id: string }): Promise<JobRow | undefined> {
  if (!isUuid(id)) return undefined;
  return (await db.select().from(jobs).where(eq(jobs.id, id)).limit(1))[0];
}

export async function listOwnedJobs({
  db,
  ownerId,
  kind,
  kinds,
  limit = 50,
}: {
  db: Database;
  ownerId: string;
  kind?: string;
  kinds?: readonly string[];
  limit?: number;
}): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.ownerId, ownerId), kind ? eq(jobs.kind, kind) : undefined, kinds ? inArray(jobs.kind, [...kinds]) : undefined))
    .orderBy(desc(jobs.createdAt))
    .limit(Math.min(Math.max(1, limit), 200));
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

export async function markJobRunning({ db, id }: { db: Database; id: string }): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "running", startedAt: sql`coalesce(${jobs.startedAt}, now())` })
    .where(and(eq(jobs.id, id), eq(jobs.status, "queued")));
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

export async function setJobQueueId({ db, id, queueJobId }: { db: Database; id: string; queueJobId: string | null }): Promise<void> {
  await db.update(jobs).set({ queueJobId }).where(eq(jobs.id, id));
}

/** Starts a single-runner job: queued (or re-queued after an interruption) becomes running. */
export async function startTrackedJob({ db, id }: { db: Database; id: string }): Promise<JobRow | undefined> {
  const rows = await db
    .update(jobs)
    .set({ status: "running", startedAt: sql`coalesce(${jobs.startedAt}, now())`, heartbeatAt: sql`now()`, error: null })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ["queued", "running"])))
    .returning();
  return rows[0];
}

export async function updateJobProgress({
  db,
  id,
  progress,
}: {
  db: Database;
  id: string;
  progress: { total: number; done: number; failed: number };
}): Promise<void> {
  await db
    .update(jobs)
    .set({ ...progress, heartbeatAt: sql`now()` })
    .where(eq(jobs.id, id));
}

export async function mergeJobSummary({ db, id, summary }: { db: Database; id: string; summary: Record<string, unknown> }): Promise<void> {
  await db
    .update(jobs)
    .set({ summary: sql`coalesce(${jobs.summary}, '{}'::jsonb) || ${JSON.stringify(summary)}::jsonb` })
    .where(eq(jobs.id, id));
}

export async function finishTrackedJob({
  db,
  id,
  status,
  error,
}: {
  db: Database;
  id: string;
  status: "done" | "failed";
  error?: string;
}): Promise<JobRow | undefined> {
  const rows = await db
    .update(jobs)
    .set({ status, error: error ?? null, finishedAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.status, "running")))
    .returning();
  return rows[0];
}

/** Single-runner jobs of these kinds that say they are running but whose runner has not been heard from since `staleBefore`. */
export async function staleTrackedJobs({ db, kinds, staleBefore }: { db: Database; kinds: string[]; staleBefore: Date }): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(inArray(jobs.kind, kinds), eq(jobs.status, "running"), lt(jobs.heartbeatAt, staleBefore)));
}

/** Moves a stale job to queued (to be resumed) or failed; only if it is still the stale running row (no race with a live runner). */
export async function settleStaleJob({
  db,
  id,
  heartbeatAt,
  resume,
  error,
}: {
  db: Database;
  id: string;
  heartbeatAt: Date;
  resume: boolean;
  error: string;
}): Promise<JobRow | undefined> {
  const rows = await db
    .update(jobs)
    .set(resume ? { status: "queued", error } : { status: "failed", error, finishedAt: sql`now()` })
    .where(and(eq(jobs.id, id), eq(jobs.status, "running"), eq(jobs.heartbeatAt, heartbeatAt)))
    .returning();
  return rows[0];
}

export async function activeInstanceJobs({ db, kinds }: { db: Database; kinds: string[] }): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(inArray(jobs.kind, kinds), inArray(jobs.status, ["queued", "running"])))
    .orderBy(asc(jobs.createdAt));
}

/** The newest instance job of a kind whose params have `param` = `value` (e.g. a recipe's last production). */
export async function latestJobWithParam({
  db,
  kind,
  param,
  value,
}: {
  db: Database;
  kind: string;
  param: string;
  value: string;
}): Promise<JobRow | undefined> {
  const rows = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), isNull(jobs.ownerId), sql`${jobs.params}->>${param} = ${value}`))
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return rows[0];
}

/** The instance's own jobs (start-up lab, variants, benchmarks), newest first, for the dashboard. */
export async function listInstanceJobs({ db, kinds, limit = 20 }: { db: Database; kinds: string[]; limit?: number }): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(isNull(jobs.ownerId), inArray(jobs.kind, kinds)))
    .orderBy(desc(jobs.createdAt))
    .limit(limit);
}

/** The jobs of one kind whose params carry one of `values` under `param` (e.g. the campaigns of some reports). */
export async function jobsByParam({ db, kind, param, values }: { db: Database; kind: string; param: string; values: string[] }): Promise<JobRow[]> {
  if (values.length === 0) return [];
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), inArray(sql<string>`${jobs.params}->>${param}`, values)));
}
