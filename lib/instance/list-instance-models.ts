import "server-only";
import { describeInt8Runtime } from "../inference/describe-int8-runtime";
import { listModels } from "../models/list-models";
import { instanceModelsSchema, type InstanceModels } from "./instance-models-schema";

/** GET /api/v1/models: every model with its availability, and what the instance found about int8 on its CPU. */

export async function listInstanceModels(): Promise<InstanceModels> {
  const [models, int8] = await Promise.all([listModels(), describeInt8Runtime()]);
  return instanceModelsSchema.parse({ models, int8 });
}
