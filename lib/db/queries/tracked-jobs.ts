import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { jobs, type JobRow } from "../schema";

/**
 * Single-runner jobs (benchmark runs, campaigns, variant production): started, reporting progress,
 * finished, and settled when their runner died. Conditional UPDATEs, as for batch items: a stale or
 * duplicate runner changes no row.
 */

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
