import { z } from "zod";
import type { EvaluationReport, JobRow } from "../../db/schema";
import type { EvaluationReportListItem } from "../../db/queries/evaluation-reports";

/** How stored evaluation reports (red-team campaigns, safety benchmarks) are shown over the API. */

export const reportSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  title: z.string(),
  progress: z.number(),
  summary: z.unknown().nullable(),
  details: z.unknown().nullable().optional(),
  error: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  /** The campaign's job: cases scored out of all, as every job shows its progress. */
  job: z
    .object({ id: z.string(), status: z.string(), progress: z.object({ total: z.number().int(), done: z.number().int(), failed: z.number().int() }) })
    .nullable()
    .optional(),
});
export type ReportView = z.infer<typeof reportSchema>;

export const reportListSchema = z.object({ reports: z.array(reportSchema) });

export function toReportView(row: EvaluationReport | EvaluationReportListItem, job?: JobRow): ReportView {
  return reportSchema.parse({
    id: row.id,
    kind: row.kind,
    status: row.status,
    title: row.title,
    progress: row.progress,
    summary: row.summary ?? null,
    ...("details" in row ? { details: row.details ?? null } : {}),
    error: row.error,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt ? row.finishedAt.toISOString() : null,
    job: job ? { id: job.id, status: job.status, progress: { total: job.total, done: job.done, failed: job.failed } } : null,
  });
}
