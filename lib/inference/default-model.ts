import "server-only";
import { InvalidArgumentError, ModelUnavailableError, UnknownModelError } from "../domain-errors";
import { getModelStore } from "../models/get-model-store";
import type { ModelTask } from "../models/manifest-schema";

/** The model that serves a task unless a request names one: the first of that task in the manifest. */
export function defaultModelFor(task: ModelTask): string {
  const model = getModelStore()
    .list()
    .find((m) => m.task === task);
  if (!model) throw new ModelUnavailableError(task, `No model for ${task} is configured.`);
  return model.id;
}

/** Checks that a requested model exists and serves the task. */
export function requireModelForTask(modelId: string, task: ModelTask): string {
  const model = getModelStore().get(modelId);
  if (!model) throw new UnknownModelError(modelId, undefined, "model");
  if (model.task !== task) throw new InvalidArgumentError(`Model "${modelId}" does ${model.task}, not ${task}.`, { field: "model", message: "wrong task" });
  return modelId;
}
