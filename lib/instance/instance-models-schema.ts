import { z } from "zod";
import { int8RuntimeSchema } from "../inference/describe-int8-runtime";
import { servingRoleSchema } from "../inference/serving/serving-schema";
import { modelSummarySchema } from "../models/list-models";

/** The answer of GET /api/v1/models. */
export const instanceModelsSchema = z.object({
  models: z.array(modelSummarySchema),
  int8: int8RuntimeSchema,
  serving: z
    .array(servingRoleSchema)
    .describe(
      "Per model role (the keys of `variants` in analysis requests): the variant served by default, chosen from this machine's benchmark figures (the fastest within 1 point of full-precision accuracy on held-out images, else full precision), why, and the variants one may ask for",
    ),
});
export type InstanceModels = z.infer<typeof instanceModelsSchema>;
