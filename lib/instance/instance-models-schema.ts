import { z } from "zod";
import { int8RuntimeSchema } from "../inference/describe-int8-runtime";
import { modelSummarySchema } from "../models/list-models";

/** The answer of GET /api/v1/models. */
export const instanceModelsSchema = z.object({ models: z.array(modelSummarySchema), int8: int8RuntimeSchema });
export type InstanceModels = z.infer<typeof instanceModelsSchema>;
