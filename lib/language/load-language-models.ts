import "server-only";
import { getModelStore } from "../models/get-model-store";
import { CLD3_MODEL_ID, loadCld3, type Cld3Model } from "./load-cld3";
import { FASTTEXT_MODEL_ID, loadFastText, type FastTextModel } from "./load-fasttext";

/**
 * Both language identification models, each loaded once per process. A model that cannot be had is
 * reported with the reason and the other one carries on alone; neither failing throws.
 */

export interface LanguageModelStatus {
  id: string;
  version: string | null;
  runtime: string | null;
  available: boolean;
  reason?: string;
}

export interface LanguageModels {
  cld3: Cld3Model | null;
  fastText: FastTextModel | null;
  status: LanguageModelStatus[];
}

export async function loadLanguageModels(): Promise<LanguageModels> {
  const [cld3, fastText] = await Promise.allSettled([loadCld3(), loadFastText()]);
  const store = getModelStore();
  const status = (id: string, outcome: PromiseSettledResult<unknown>): LanguageModelStatus => {
    const entry = store.get(id);
    return {
      id,
      version: entry?.version ?? null,
      runtime: entry?.runtime ?? null,
      available: outcome.status === "fulfilled",
      ...(outcome.status === "rejected" ? { reason: errorMessage(outcome.reason) } : {}),
    };
  };
  return {
    cld3: cld3.status === "fulfilled" ? cld3.value : null,
    fastText: fastText.status === "fulfilled" ? fastText.value : null,
    status: [status(FASTTEXT_MODEL_ID, fastText), status(CLD3_MODEL_ID, cld3)],
  };
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
