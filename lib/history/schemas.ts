import { z } from "zod";
import type { AnalysisListItem } from "../db/queries/analyses";
import type { AnalysisRow } from "../db/schema";

/** GET /api/v1/history and /api/v1/history/{id}. */

export const historyQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // An ISO date PostgreSQL can hold: year 0000 is valid ISO 8601 but out of its range (a failed query, not a 400).
  before: z.iso
    .datetime({ offset: true })
    .refine((value) => new Date(value).getUTCFullYear() >= 1, "must be a date from year 1 on")
    .optional(),
});

const itemSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  title: z.string(),
  created_at: z.string(),
  result_bytes: z.number().int(),
  has_image: z.boolean(),
});

export const historyListSchema = z.object({ analyses: z.array(itemSchema) });
export const historyEntrySchema = itemSchema.extend({ request: z.record(z.string(), z.unknown()), result: z.unknown() });

export function toHistoryItem(row: AnalysisListItem) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    created_at: row.createdAt.toISOString(),
    result_bytes: row.resultBytes,
    has_image: Boolean(row.hasImage),
  };
}

export function toHistoryEntry(row: AnalysisRow) {
  return {
    ...toHistoryItem({ ...row, hasImage: row.imageBytes !== null }),
    request: row.request as Record<string, unknown>,
    result: row.result,
  };
}
