import "server-only";
import { describeInt8Runtime } from "../inference/describe-int8-runtime";
import { describeServing } from "../inference/serving/describe-serving";
import { listModels } from "../models/list-models";
import { instanceModelsSchema, type InstanceModels } from "./instance-models-schema";

/** GET /api/v1/models: every model with its availability, what the instance found about int8 on its CPU, and how each role is served. */

export async function listInstanceModels(): Promise<InstanceModels> {
  const [models, int8, serving] = await Promise.all([listModels(), describeInt8Runtime(), describeServing()]);
  return instanceModelsSchema.parse({ models, int8, serving });
}
