import { z } from "zod";

/** GET /api/v1/usage (the caller's own) and GET /api/v1/usage/all (admin): same shape. */

const figures = {
  requests: z.number().int(),
  errors: z.number().int(),
  error_rate: z.number(),
  latency_ms_p50: z.number().nullable(),
  latency_ms_p95: z.number().nullable(),
  bytes_in: z.number(),
  bytes_out: z.number(),
};

export const usageQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });

export const usageReportSchema = z.object({
  since: z.string(),
  days: z.number().int(),
  totals: z.object(figures),
  per_day: z.array(z.object({ day: z.string(), ...figures })),
  by_route: z.array(z.object({ route: z.string(), ...figures })),
  by_key: z.array(z.object({ key_id: z.string().nullable(), key_name: z.string().nullable(), ...figures })),
  by_user: z.array(z.object({ user_id: z.string().nullable(), user_email: z.string().nullable(), ...figures })).optional(),
});
export type UsageReportView = z.infer<typeof usageReportSchema>;

/** What the public dashboard shows: totals and latency only, nothing about who. */
export const publicUsageSchema = z.object({
  since: z.string(),
  days: z.number().int(),
  requests: z.number().int(),
  error_rate: z.number(),
  latency_ms_p50: z.number().nullable(),
  latency_ms_p95: z.number().nullable(),
  per_day: z.array(z.object({ day: z.string(), requests: z.number().int(), latency_ms_p50: z.number().nullable() })),
});
