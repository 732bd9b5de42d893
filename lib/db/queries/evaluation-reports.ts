import "server-only";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { evaluationReports, type EvaluationReport } from "../schema";

/**
 * Stored evaluation reports (red-team campaigns, safety benchmarks). A report is a job record: inserted
 * as "running", its progress updated as work is done, then finished with a summary or an error.
 */

export type ReportStatus = "running" | "completed" | "failed";

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
  const finishedAt = status === "running" ? null : new Date();
  const rows = await db
    .insert(evaluationReports)
    .values({ kind, title, ownerId, status, summary, details, progress: status === "completed" ? 1 : 0, finishedAt })
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
    .set({ status: "completed", progress: 1, summary, details: details ?? null, finishedAt: new Date(), error: null })
    .where(eq(evaluationReports.id, id));
}

export async function failEvaluationReport({ db, id, error }: { db: Database; id: string; error: string }): Promise<void> {
  await db.update(evaluationReports).set({ status: "failed", error, finishedAt: new Date() }).where(eq(evaluationReports.id, id));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One report by id (optionally of one kind); an id that is not a UUID simply finds nothing. */
export async function getEvaluationReport({ db, id, kind }: { db: Database; id: string; kind?: string }): Promise<EvaluationReport | undefined> {
  if (!uuidPattern.test(id)) return undefined;
  const where: SQL[] = [eq(evaluationReports.id, id)];
  if (kind) where.push(eq(evaluationReports.kind, kind));
  const rows = await db.select().from(evaluationReports).where(and(...where)).limit(1);
  return rows[0];
}

export type EvaluationReportListItem = Omit<EvaluationReport, "details">;

/** Newest first, without the (large) details. */
export async function listEvaluationReports({ db, kind, limit = 50 }: { db: Database; kind?: string; limit?: number }): Promise<EvaluationReportListItem[]> {
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
    .where(kind ? eq(evaluationReports.kind, kind) : undefined)
    .orderBy(desc(evaluationReports.createdAt))
    .limit(Math.min(Math.max(1, limit), 200));
}
