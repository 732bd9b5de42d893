import { z } from "zod";

/** How each model role is served (GET /api/v1/models `serving`): its default, why, and what one may ask for. */

const figures = z.object({
  model_id: z.string(),
  variant: z.string(),
  p50_ms: z.number().nullable().describe("Median latency of one input at 1 intra-op thread, newest benchmark on this machine"),
  accuracy: z
    .object({ metric: z.string(), value: z.number(), higher_is_better: z.boolean(), dataset: z.string() })
    .nullable()
    .describe("The task's primary metric on held-out data (fraction)"),
  loss_points: z.number().nullable().describe("Accuracy lost against full precision, in percentage points"),
  eligible: z.boolean(),
  why: z.string(),
});

export const servingRoleSchema = z.object({
  role: z.string().describe("The key of `variants` in analysis requests"),
  task: z.string(),
  family: z.string(),
  base_model: z.string(),
  serving_default: z.object({
    model_id: z.string(),
    variant: z.string(),
    rule: z.enum(["fastest_within_tolerance", "full_precision", "no_figures", "no_full_precision"]),
    reason: z.string(),
  }),
  /** Every other member the rule looked at, with its figures. */
  considered: z.array(figures),
  figures_from: z.union([z.object({ machine: z.string(), results: z.number().int() }), z.object({ none: z.string() })]),
  can_ask_for: z.array(z.string()).describe("Values `variants.<role>` accepts: variant kinds this family has here, and exact model ids"),
  unavailable: z.array(z.object({ model_id: z.string(), reason: z.string() })).describe("Members whose files or session cannot be had here"),
});
export type ServingRoleView = z.infer<typeof servingRoleSchema>;
