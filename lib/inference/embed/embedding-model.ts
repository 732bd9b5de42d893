import "server-only";
import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import { loadSentenceEncoder, SENTENCE_ENCODER_ID } from "./load-sentence-encoder";

// Long inputs cost time quadratically in the tokenizer and say little more to the encoder.
const MAX_CHARS_PER_VALUE = 2_000;

/**
 * The local sentence encoder as an AI SDK embedding model, so callers use the SDK's `embed` /
 * `embedMany` and a hosted embedding model can replace it without touching them.
 */
export function localEmbeddingModel(): EmbeddingModelV3 {
  return {
    specificationVersion: "v3",
    provider: "insight-engine",
    modelId: SENTENCE_ENCODER_ID,
    maxEmbeddingsPerCall: 64,
    supportsParallelCalls: false,
    async doEmbed({ values, abortSignal }) {
      abortSignal?.throwIfAborted();
      const encoder = await loadSentenceEncoder();
      const inputs = values.map((v) => (v.length > MAX_CHARS_PER_VALUE ? v.slice(0, MAX_CHARS_PER_VALUE) : v) || " ");
      const embeddings = await encoder.embed(inputs);
      return { embeddings, warnings: [] };
    },
  };
}
