import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { jobs, type JobRow } from "../schema";
import { isUuid } from "./is-uuid";

/**
 * Job rows: creating and reading them, by owner or by the instance's own kinds and params. The state
 * changes live beside them: a batch's items in job-items.ts, a single-runner job's life in tracked-jobs.ts.
 */

export async function insertJob({ db, values }: { db: Database; values: Omit<typeof jobs.$inferInsert, "id" | "createdAt"> }): Promise<JobRow> {
  const rows = await db.insert(jobs).values(values).returning();
  return rows[0];
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

export async function markJobRunning({ db, id }: { db: Database; id: string }): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "running", startedAt: sql`coalesce(${jobs.startedAt}, now())` })
    .where(and(eq(jobs.id, id), eq(jobs.status, "queued")));
}

export async function setJobQueueId({ db, id, queueJobId }: { db: Database; id: string; queueJobId: string | null }): Promise<void> {
  await db.update(jobs).set({ queueJobId }).where(eq(jobs.id, id));
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
