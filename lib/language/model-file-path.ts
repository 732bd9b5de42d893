import "server-only";
import { getModelStore } from "../models/get-model-store";

/**
 * The local file of a language model, or an Error saying why there is none (the store's reason when
 * the model cannot be had, e.g. a missing download): CLD3 and fastText load the same way.
 */
export async function languageModelFile(modelId: string, label: string): Promise<string> {
  const modelFile = await getModelStore().filePath(modelId, "model");
  if (modelFile) return modelFile;
  const resolution = await getModelStore().resolve(modelId);
  throw new Error(resolution.available ? `${label} has no model file` : resolution.reason);
}
