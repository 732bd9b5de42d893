import "server-only";
import { embedMany } from "ai";
import { embeddingModel } from "./embedding-model";

export interface TextEmbeddings {
  vectors: number[][];
  embedMs: number;
}

/** Embeds texts with the configured sentence encoder (through the AI SDK), timing the call. */
export async function embedTexts(texts: string[]): Promise<TextEmbeddings> {
  const startedAt = performance.now();
  if (texts.length === 0) return { vectors: [], embedMs: 0 };
  const { embeddings } = await embedMany({ model: embeddingModel(), values: texts, maxRetries: 0 });
  return { vectors: embeddings, embedMs: performance.now() - startedAt };
}
