import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import { getEnv } from "../../env";
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

let hosted: { key: string; model: EmbeddingModelV3 } | undefined;

/**
 * The embedding model every semantic search uses (document passages, caption-to-image relation, label
 * vocabulary): the local encoder, or the OpenAI-compatible endpoint named by EMBEDDING_PROVIDER_URL and
 * EMBEDDING_MODEL. This is the one seam: nothing else knows which it is.
 */
export function embeddingModel(): EmbeddingModelV3 {
  const env = getEnv();
  if (!env.EMBEDDING_PROVIDER_URL || !env.EMBEDDING_MODEL) return localEmbeddingModel();
  const key = `${env.EMBEDDING_PROVIDER_URL}|${env.EMBEDDING_MODEL}`;
  if (hosted?.key !== key) {
    const provider = createOpenAICompatible({ name: "embeddings", baseURL: env.EMBEDDING_PROVIDER_URL, apiKey: env.EMBEDDING_API_KEY });
    hosted = { key, model: provider.embeddingModel(env.EMBEDDING_MODEL) };
  }
  return hosted.model;
}

/** Names the embedding model in answers and cache keys ("use-lite-en", or the hosted model's name). */
export function embeddingModelId(): string {
  return embeddingModel().modelId;
}
