import "server-only";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { isUuid } from "./is-uuid";
import { evaluationReports, type EvaluationReport } from "../schema";

/**
 * Stored evaluation reports (red-team campaigns, safety benchmarks). A report is a job record: inserted
 * as "running", its progress updated as work is done, then finished with a summary or an error.
 */

/** The job lifecycle's words (lib/jobs): a report is written as its job goes. */
export type ReportStatus = "queued" | "running" | "done" | "failed";

export async function insertEvaluationReport({
  db,
  kind,
  title,
  ownerId = null,
  status = "running",
  summary = null,
  details = null,
}: {
  db: Database;
  kind: string;
  title: string;
  ownerId?: string | null;
  status?: ReportStatus;
  summary?: unknown;
  details?: unknown;
}): Promise<EvaluationReport> {
  const finishedAt = status === "running" || status === "queued" ? null : new Date();
  const rows = await db
    .insert(evaluationReports)
    .values({ kind, title, ownerId, status, summary, details, progress: status === "done" ? 1 : 0, finishedAt })
    .returning();
  return rows[0];
}

export async function updateReportProgress({ db, id, progress }: { db: Database; id: string; progress: number }): Promise<void> {
  await db
    .update(evaluationReports)
    .set({ progress: Math.min(1, Math.max(0, progress)) })
    .where(and(eq(evaluationReports.id, id), eq(evaluationReports.status, "running")));
}

export async function completeEvaluationReport({ db, id, summary, details }: { db: Database; id: string; summary: unknown; details?: unknown }): Promise<void> {
  await db
    .update(evaluationReports)
    .set({ status: "done", progress: 1, summary, details: details ?? null, finishedAt: new Date(), error: null })
    .where(eq(evaluationReports.id, id));
}

export async function markReportRunning({ db, id }: { db: Database; id: string }): Promise<void> {
  await db
    .update(evaluationReports)
    .set({ status: "running" })
    .where(and(eq(evaluationReports.id, id), eq(evaluationReports.status, "queued")));
}

export async function failEvaluationReport({ db, id, error }: { db: Database; id: string; error: string }): Promise<void> {
  await db.update(evaluationReports).set({ status: "failed", error, finishedAt: new Date() }).where(eq(evaluationReports.id, id));
}

/**
 * One report by id (optionally of one kind, optionally only if `ownerId` owns it: user-started
 * reports are always read this way); an id that is not a UUID simply finds nothing.
 */
export async function getEvaluationReport({
  db,
  id,
  kind,
  ownerId,
}: {
  db: Database;
  id: string;
  kind?: string;
  ownerId?: string;
}): Promise<EvaluationReport | undefined> {
  if (!isUuid(id)) return undefined;
  const where: SQL[] = [eq(evaluationReports.id, id)];
  if (kind) where.push(eq(evaluationReports.kind, kind));
  if (ownerId !== undefined) where.push(eq(evaluationReports.ownerId, ownerId));
  const rows = await db
    .select()
    .from(evaluationReports)
    .where(and(...where))
    .limit(1);
  return rows[0];
}

export type EvaluationReportListItem = Omit<EvaluationReport, "details">;

/** Newest first, without the (large) details; only `ownerId`'s when given. */
export async function listEvaluationReports({
  db,
  kind,
  ownerId,
  limit = 50,
}: {
  db: Database;
  kind?: string;
  ownerId?: string;
  limit?: number;
}): Promise<EvaluationReportListItem[]> {
  return db
    .select({
      id: evaluationReports.id,
      kind: evaluationReports.kind,
      status: evaluationReports.status,
      title: evaluationReports.title,
      ownerId: evaluationReports.ownerId,
      progress: evaluationReports.progress,
      summary: evaluationReports.summary,
      error: evaluationReports.error,
      createdAt: evaluationReports.createdAt,
      finishedAt: evaluationReports.finishedAt,
    })
    .from(evaluationReports)
    .where(and(kind ? eq(evaluationReports.kind, kind) : undefined, ownerId !== undefined ? eq(evaluationReports.ownerId, ownerId) : undefined))
    .orderBy(desc(evaluationReports.createdAt))
    .limit(Math.min(Math.max(1, limit), 200));
}
