import "server-only";
import { z } from "zod";
import { describeInt8Runtime, int8RuntimeSchema } from "../inference/describe-int8-runtime";
import { listModels, modelSummarySchema } from "../models/list-models";

/** GET /api/v1/models: every model with its availability, and what the instance found about int8 on its CPU. */

export const instanceModelsSchema = z.object({ models: z.array(modelSummarySchema), int8: int8RuntimeSchema });
export type InstanceModels = z.infer<typeof instanceModelsSchema>;

export async function listInstanceModels(): Promise<InstanceModels> {
  const [models, int8] = await Promise.all([listModels(), describeInt8Runtime()]);
  return instanceModelsSchema.parse({ models, int8 });
}
