import "server-only";
import { readFile } from "node:fs/promises";
import { loadGraphModel } from "@energetic-ai/core";
import { EmbeddingsModel } from "@energetic-ai/embeddings";
import { ModelUnavailableError } from "../../domain-errors";
import { getModelStore } from "../../models/get-model-store";
import { processSingleton } from "../../process-singletons";

/**
 * Universal Sentence Encoder Lite (TF.js graph model on the WebAssembly backend), loaded once per
 * process from the files the model store resolved (npm package, mirror or verified download).
 */

export const SENTENCE_ENCODER_ID = "use-lite-en";

export function loadSentenceEncoder(): Promise<EmbeddingsModel> {
  return processSingleton(`sentence-encoder:${SENTENCE_ENCODER_ID}`, async () => {
    const availability = await getModelStore().resolve(SENTENCE_ENCODER_ID);
    if (!availability.available) {
      throw new ModelUnavailableError(SENTENCE_ENCODER_ID, `Sentence embeddings are not available: ${availability.reason}`);
    }
    const fileOf = (role: string) => availability.files.find((f) => f.role === role)!.path;
    // The weight shards are read relative to model.json, so they must sit beside it (they do for
    // every source the store uses: one npm package folder, the mirror, or one cache folder).
    const [model, vocabulary] = await Promise.all([
      loadGraphModel(`file://${fileOf("model")}`),
      readFile(fileOf("vocab"), "utf8").then((text) => JSON.parse(text) as [string, number][]),
    ]);
    return new EmbeddingsModel({ model, vocabulary });
  });
}
