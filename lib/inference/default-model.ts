import "server-only";
import { ApiError } from "../errors";
import { getModelStore } from "../models/get-model-store";
import type { ModelTask } from "../models/manifest-schema";

/** The model that serves a task unless a request names one: the first of that task in the manifest. */
export function defaultModelFor(task: ModelTask): string {
  const model = getModelStore()
    .list()
    .find((m) => m.task === task);
  if (!model) throw new ApiError("model_unavailable", `No model for ${task} is configured.`);
  return model.id;
}

/** Checks that a requested model exists and serves the task. */
export function requireModelForTask(modelId: string, task: ModelTask): string {
  const model = getModelStore().get(modelId);
  if (!model) throw new ApiError("invalid_input", `Unknown model "${modelId}". GET /api/v1/models lists them.`);
  if (model.task !== task) throw new ApiError("invalid_input", `Model "${modelId}" does ${model.task}, not ${task}.`);
  return modelId;
}
