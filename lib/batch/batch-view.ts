import { z } from "zod";
import type { JobItemView } from "../db/queries/job-items";
import type { WebhookAttemptRow, WebhookDeliveryRow, JobRow } from "../db/schema";
import { jobStatusPath, jobStatusSchema } from "../jobs/job-view";

/** What GET /api/v1/batch/{id} answers: the job, every item's outcome, every webhook delivery and its attempts. */

export const batchStatusPath = (id: string) => jobStatusPath({ id, kind: "batch" });

export const batchSummarySchema = z.object({
  id: z.string().uuid(),
  status: jobStatusSchema,
  title: z.string(),
  progress: z.object({ total: z.number().int(), done: z.number().int(), failed: z.number().int(), cancelled: z.number().int() }),
  callback_url: z.string().nullable(),
  webhook_per_item: z.boolean(),
  status_url: z.string(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const batchViewSchema = batchSummarySchema.extend({
  items: z.array(
    z.object({
      position: z.number().int(),
      task: z.string(),
      status: z.enum(["queued", "running", "done", "failed", "cancelled"]),
      attempts: z.number().int(),
      worker: z.string().nullable().describe("The process that took the item last (host:pid)"),
      input: z.record(z.string(), z.unknown()),
      upload_bytes: z.number().int().nullable(),
      result: z.unknown().nullable(),
      error: z.unknown().nullable(),
      finished_at: z.string().nullable(),
    }),
  ),
  deliveries: z.array(
    z.object({
      id: z.string(),
      event_type: z.string(),
      url: z.string(),
      status: z.enum(["pending", "delivered", "failed"]),
      attempts: z.array(
        z.object({
          attempt: z.number().int(),
          at: z.string(),
          status_code: z.number().int().nullable(),
          error: z.string().nullable(),
          duration_ms: z.number().int(),
        }),
      ),
    }),
  ),
});

export const batchListSchema = z.object({ batches: z.array(batchSummarySchema) });

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toBatchSummary(job: JobRow) {
  return {
    id: job.id,
    status: job.status as z.infer<typeof jobStatusSchema>,
    title: job.title,
    progress: { total: job.total, done: job.done, failed: job.failed, cancelled: job.cancelled },
    callback_url: job.callbackUrl,
    webhook_per_item: job.webhookPerItem,
    status_url: batchStatusPath(job.id),
    created_at: job.createdAt.toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
  };
}

export function toBatchView(job: JobRow, items: JobItemView[], deliveries: (WebhookDeliveryRow & { attemptLog: WebhookAttemptRow[] })[]) {
  return {
    ...toBatchSummary(job),
    items: items.map((item) => ({
      position: item.position,
      task: item.task,
      status: item.status as "queued",
      attempts: item.attempts,
      worker: item.worker,
      input: item.input as Record<string, unknown>,
      upload_bytes: item.inputBytesLength === null ? null : Number(item.inputBytesLength),
      result: item.result,
      error: item.error,
      finished_at: iso(item.finishedAt),
    })),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      event_type: d.eventType,
      url: d.url,
      status: d.status as "pending",
      attempts: d.attemptLog.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), status_code: a.statusCode, error: a.error, duration_ms: a.durationMs })),
    })),
  };
}
