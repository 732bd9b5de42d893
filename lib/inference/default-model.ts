import "server-only";
import { ModelUnavailableError } from "../domain-errors";
import { getModelStore } from "../models/get-model-store";
import type { ModelTask } from "../models/manifest-schema";

/**
 * The base model of a task: the first of that task in the manifest, the parent the lab's variants are
 * made from (what a label vocabulary or a side-by-side comparison is built around). Which variant
 * *serves* a request is decided per role in lib/inference/serving (getServingDefaults / resolveModel).
 */
export function defaultModelFor(task: ModelTask): string {
  const model = getModelStore()
    .list()
    .find((m) => m.task === task);
  if (!model) throw new ModelUnavailableError(task, `No model for ${task} is configured.`);
  return model.id;
}
