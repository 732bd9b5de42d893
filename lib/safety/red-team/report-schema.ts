import { z } from "zod";
import type { EvaluationReport } from "../../db/schema";
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
});
export type ReportView = z.infer<typeof reportSchema>;

export const reportListSchema = z.object({ reports: z.array(reportSchema) });

export function toReportView(row: EvaluationReport | EvaluationReportListItem): ReportView {
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
  });
}
