import { z } from "zod";
import type { JobRow } from "../db/schema";

/** How every job is shown over the API: one lifecycle, one progress measure, whatever its kind. */

export const jobStatusSchema = z.enum(["queued", "running", "done", "failed", "cancelled"]);

export const jobViewSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  status: jobStatusSchema,
  title: z.string(),
  progress: z.object({ total: z.number().int(), done: z.number().int(), failed: z.number().int(), cancelled: z.number().int() }),
  summary: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("What the job produced, e.g. the benchmark run's id (run_id) or a campaign's report (report_id)"),
  error: z.string().nullable(),
  status_url: z.string(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type JobView = z.infer<typeof jobViewSchema>;

export const jobListSchema = z.object({ jobs: z.array(jobViewSchema) });

export const jobStatusPath = (job: Pick<JobRow, "id" | "kind">) => (job.kind === "batch" ? `/api/v1/batch/${job.id}` : `/api/v1/jobs/${job.id}`);

export function toJobView(job: JobRow): JobView {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status as JobView["status"],
    title: job.title,
    progress: { total: job.total, done: job.done, failed: job.failed, cancelled: job.cancelled },
    summary: (job.summary as Record<string, unknown> | null) ?? null,
    error: job.error,
    status_url: jobStatusPath(job),
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}
